/**
 * `<mockline-interview>`: a practice interview on a college portal (docs/CONTRACTS.md,
 * "Organisations and the widget").
 *
 * Attributes: `org` (required), `set` (a practice set; without it the student picks one of
 * the open sets), `token-endpoint` (the portal's URL that returns `{"token"}`), `position`
 * (`inline` or `floating`), `accent` (a CSS colour), `lang` (`en`, `hi`). Everything renders in
 * an open shadow root. Events (bubbling, composed `CustomEvent`s whose `detail` carries
 * `interview_id`): `mockline:started` (with `mode`: voice|text), `mockline:ended`,
 * `mockline:report-ready` (with `overall`). Inside the `/embed/{org}` iframe they are also
 * posted to the parent page, if it is one of the organisation's origins.
 */

import { el } from "../static/dom.js";
import { ApiError, WidgetClient, tokenFromEndpoint, tokenFromFragment } from "./client.js";
import { WidgetChat } from "./chat.js";
import { labelsFor } from "./labels.js";
import { renderReport, saveBlob, waitForReport } from "./report.js";
import { applyStyles } from "./styles.js";
import { WidgetCall } from "./voice.js";

const MIC_PATH =
  "M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z";
const SVG = "http://www.w3.org/2000/svg";
const FOCUSABLE = "button, select, textarea";

/** The microphone icon, built as nodes (no markup parsing: host pages may enforce Trusted Types). */
function micIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", MIC_PATH);
  svg.append(path);
  return svg;
}

export function defineElement(base) {
  if (customElements.get("mockline-interview")) return;

  class MocklineInterview extends HTMLElement {
    static observedAttributes = ["accent", "position"];

    constructor() {
      super();
      this.shadow = this.attachShadow({ mode: "open" });
      applyStyles(this.shadow);
      /** A function the host may set instead of `token-endpoint`: () => Promise<string>. */
      this.tokenProvider = null;
      this.fragmentToken = this.getAttribute("token-source") === "fragment" ? tokenFromFragment() : null;
      this.labels = labelsFor(this.getAttribute("lang"));
      this.info = null;
      this.voice = null;
      this.chat = null;
      this.interviewId = null;
    }

    connectedCallback() {
      if (this.root) return;
      this.client = new WidgetClient(base, this.getAttribute("org") ?? "", () => this._token());
      this._build();
      this._applyAccent();
      requestAnimationFrame(() => performance.mark?.("mockline:first-render"));
      this._load();
    }

    attributeChangedCallback(name) {
      if (name === "accent") this._applyAccent();
    }

    _applyAccent() {
      const accent = this.getAttribute("accent");
      if (accent && CSS.supports("color", accent)) this.style.setProperty("--ml-accent", accent);
    }

    _token() {
      if (typeof this.tokenProvider === "function") return Promise.resolve(this.tokenProvider());
      if (this.fragmentToken) return Promise.resolve(this.fragmentToken);
      const endpoint = this.getAttribute("token-endpoint");
      if (!endpoint) return Promise.reject(new ApiError("This page did not say where to get a practice session."));
      return tokenFromEndpoint(endpoint);
    }

    get floating() {
      return this.getAttribute("position") === "floating";
    }

    _build() {
      const L = this.labels;
      this.body = el("div", { className: "ml-body" });
      this.status = el("p", { className: "ml-status", role: "status", "aria-live": "polite" });
      this.orgName = el("span", { className: "ml-org" });
      const head = el("header", { className: "ml-head" }, el("h2", { id: "ml-title" }, L.title), this.orgName);
      this.root = el("div", { className: "ml", role: "region", "aria-labelledby": "ml-title" }, head, this.body, this.status);
      this.audio = el("audio", { autoplay: true, hidden: true });
      this.root.append(this.audio);
      if (this.floating) {
        const close = el("button", { type: "button", className: "ml-x", "aria-label": L.close }, "×");
        close.addEventListener("click", () => this.toggle(false));
        head.append(close);
        this.launcher = el("button", { type: "button", className: "ml-launch", "aria-label": L.open, "aria-expanded": "false" });
        this.launcher.append(micIcon());
        this.launcher.addEventListener("click", () => this.toggle(this.root.hidden));
        this.root.hidden = true;
        this.root.addEventListener("keydown", (event) => {
          if (event.key === "Escape") this.toggle(false);
        });
        this.shadow.append(this.root, this.launcher);
      } else {
        this.shadow.append(this.root);
      }
      this._show(el("p", { className: "ml-muted" }, L.loading));
    }

    /** Opens or closes the floating panel; focus goes into it, and back to the button. */
    toggle(open) {
      if (!this.launcher) return;
      this.root.hidden = !open;
      this.launcher.setAttribute("aria-expanded", String(open));
      // Into the panel's first control (its close button while it still loads; `_show`
      // moves focus on when the controls arrive).
      if (open) (this.body.querySelector(FOCUSABLE) ?? this.root.querySelector(FOCUSABLE))?.focus();
      else this.launcher.focus();
    }

    _show(...nodes) {
      this.body.replaceChildren(...nodes.filter(Boolean));
      const focusable = this.body.querySelector(FOCUSABLE);
      if (focusable && !this.root.hidden && this.shadow.activeElement) focusable.focus();
    }

    _announce(text) {
      this.status.textContent = text;
    }

    _button(text, onClick, variant = "") {
      const button = el("button", { type: "button", className: `ml-btn ${variant}`.trim() }, text);
      button.addEventListener("click", onClick);
      return button;
    }

    async _load() {
      try {
        this.info = await this.client.embedInfo();
      } catch (error) {
        this._fail(error);
        return;
      }
      this.orgName.textContent = this.info.org.name;
      if (this.info.student.notice_accepted) this._ready();
      else this._notice();
    }

    _fail(error) {
      const message = error instanceof ApiError ? error.message : String(error?.message ?? error);
      this._announce(message);
      this._show(
        el("p", { className: "ml-error", role: "alert" }, message),
        el("div", { className: "ml-actions" }, this._button(this.labels.retry, () => this._load(), "ml-secondary")),
      );
      this.dispatchEvent(new CustomEvent("mockline:error", { detail: { code: error?.code ?? "error", message }, bubbles: true, composed: true }));
    }

    _notice() {
      const L = this.labels;
      const accept = this._button(L.noticeAccept, async () => {
        accept.disabled = true;
        try {
          await this.client.acceptNotice();
          this.info.student.notice_accepted = true;
          this._ready();
        } catch (error) {
          this._fail(error);
        }
      });
      this._show(
        el("h3", {}, L.noticeTitle),
        el("p", { className: "ml-notice", id: "ml-notice" }, this.info.notice),
        el("div", { className: "ml-actions" }, accept),
      );
    }

    _sets() {
      const wanted = this.getAttribute("set");
      const open = this.info.sets;
      return wanted ? open.filter((s) => s.id === wanted) : open;
    }

    _describe(set) {
      const L = this.labels;
      const { length, level, interview_type: type } = set.setup;
      const size = length.unit === "minutes" ? L.minutes(length.value) : L.questions(length.value);
      return `${level} · ${type.replace(/_/g, " ")} · ${size}`;
    }

    _ready() {
      const L = this.labels;
      const sets = this._sets();
      if (!sets.length) {
        this._show(el("p", { className: "ml-muted" }, L.noSets));
        return;
      }
      let chosen = sets[0];
      const title = el("h3", {}, chosen.name);
      const meta = el("p", { className: "ml-muted" }, this._describe(chosen));
      const nodes = [];
      if (sets.length > 1) {
        const select = el("select", { id: "ml-set" }, ...sets.map((s) => el("option", { value: s.id }, s.name)));
        select.addEventListener("change", () => {
          chosen = sets.find((s) => s.id === select.value) ?? sets[0];
          title.textContent = chosen.name;
          meta.textContent = this._describe(chosen);
        });
        nodes.push(el("label", { for: "ml-set" }, L.chooseSet), select);
      }
      const past = this.info.interviews.length;
      this._show(
        ...nodes,
        title,
        meta,
        past ? el("p", { className: "ml-muted" }, L.past(past)) : null,
        el(
          "div",
          { className: "ml-actions" },
          this._button(L.startCall, () => this._startCall(chosen)),
          this._button(L.startTyping, () => this._startChat(chosen), "ml-secondary"),
        ),
      );
    }

    _emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      const parent = this._parentOrigin();
      if (parent) window.parent.postMessage({ type, ...detail }, parent);
    }

    /** Inside /embed/{org}: the framing page's origin, if the organisation allows it. */
    _parentOrigin() {
      if (window.parent === window || !this.hasAttribute("parent-origins")) return null;
      let allowed = [];
      try {
        allowed = JSON.parse(this.getAttribute("parent-origins") ?? "[]");
      } catch {
        return null;
      }
      const ancestor = window.location.ancestorOrigins?.[0];
      const referrer = document.referrer ? new URL(document.referrer).origin : null;
      const origin = ancestor ?? referrer;
      return origin && allowed.includes(origin) ? origin : null;
    }

    async _createFrom(set) {
      const interview = await this.client.startSet(set.id);
      this.interviewId = interview.id;
      return interview.id;
    }

    async _startCall(set) {
      const L = this.labels;
      const state = el("p", { className: "ml-state" }, L.mic);
      const avatar = el("div", { className: "ml-avatar", "aria-hidden": "true" }, (this.info.org.name || "M").slice(0, 1));
      const captions = el("ol", { className: "ml-captions", role: "log", "aria-live": "polite", "aria-label": L.captions });
      let muted = false;
      const mute = this._button(L.mute, () => {
        muted = !muted;
        this.voice?.setMuted(muted);
        mute.textContent = muted ? L.unmute : L.mute;
        mute.setAttribute("aria-pressed", String(muted));
      }, "ml-secondary");
      mute.setAttribute("aria-pressed", "false");
      const end = this._button(L.endCall, () => this.voice?.end(), "ml-danger");
      this._show(avatar, state, captions, el("div", { className: "ml-row" }, mute, end));
      this.dataset.state = "connecting";
      const labelOf = (s) => (s === "candidate" ? L.you : L.interviewer);
      this.voice = new WidgetCall({
        client: this.client,
        iceServers: this.info.ice_servers ?? [],
        captionsList: captions,
        audio: this.audio,
        labelOf,
        handlers: {
          onConnected: () => {
            this.dataset.state = "in-call";
            state.textContent = L.inCall;
            this._announce(L.inCall);
            this._emit("mockline:started", { interview_id: this.interviewId, mode: "voice" });
          },
          onAgentState: (agent) => {
            state.textContent = agent === "speaking" ? L.speaking : agent === "thinking" ? L.thinking : L.listening;
          },
          onLevel: (level) => avatar.style.setProperty("--ml-level", String(Math.min(1, level * 8))),
          onFinished: (failed) => this._finished(failed),
        },
      });
      try {
        await this._createFrom(set);
        state.textContent = L.connecting;
        await this.voice.start(this.interviewId);
      } catch (error) {
        this.voice = null;
        this.dataset.state = "error";
        this._fail(error);
      }
    }

    async _startChat(set) {
      const L = this.labels;
      const labelOf = (s) => (s === "candidate" ? L.you : L.interviewer);
      const log = el("ol", { className: "ml-captions", role: "log", "aria-live": "polite", "aria-label": L.chatLog });
      const input = el("textarea", { id: "ml-answer", rows: 3 });
      const send = this._button(L.send, () => submit());
      const end = this._button(L.endInterview, () => this.chat?.end(), "ml-secondary");
      const submit = async () => {
        const text = input.value;
        input.value = "";
        try {
          if (!(await this.chat.send(text))) input.value = text;
        } catch (error) {
          input.value = text;
          this._announce(error.message);
        }
      };
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          submit();
        }
      });
      this._show(log, el("label", { for: "ml-answer" }, L.answer), input, el("div", { className: "ml-row" }, end, send));
      this.chat = new WidgetChat({
        client: this.client,
        log,
        labelOf,
        onBusy: (busy) => {
          send.disabled = busy;
          this.dataset.busy = String(busy);
        },
        onFinished: () => this._finished(false),
      });
      try {
        const id = await this._createFrom(set);
        this.dataset.state = "in-chat";
        this._emit("mockline:started", { interview_id: id, mode: "text" });
        await this.chat.begin(id);
        input.focus();
      } catch (error) {
        this.dataset.state = "error";
        this._fail(error);
      }
    }

    async _finished(failed) {
      const L = this.labels;
      const id = this.interviewId;
      this.voice = null;
      this.chat = null;
      this.dataset.state = "ended";
      this._emit("mockline:ended", { interview_id: id, failed });
      const waiting = el("p", { className: "ml-muted" }, L.preparing);
      this._show(el("h3", {}, L.ended), waiting);
      this._announce(L.ended);
      try {
        const report = await waitForReport(this.client, id);
        const again = el("div", { className: "ml-actions" }, this._button(L.again, () => this._load(), "ml-secondary"));
        if (!report) {
          this._show(el("h3", {}, L.ended), el("p", { className: "ml-muted" }, L.noReport), again);
          return;
        }
        const download = async () => saveBlob(await this.client.reportPdf(id), `mockline-report-${id}.pdf`);
        this._show(el("h3", {}, L.ended), renderReport(report, L, () => download().catch((e) => this._announce(e.message))), again);
        this.dataset.state = "report";
        this._emit("mockline:report-ready", { interview_id: id, overall: report.overall });
      } catch (error) {
        this._fail(error);
      }
    }

    /** Diagnostics: the current call's connection, interviewer level peak and audio bytes. */
    async callStats() {
      return this.voice ? this.voice.stats() : { connected: false, interviewerPeak: 0, bytesReceived: 0 };
    }
  }

  customElements.define("mockline-interview", MocklineInterview);
}
