/**
 * The typed interview in the widget: POST /open (the opening, or a "welcome back"), then one
 * POST /messages per answer, one at a time; the conversation is a `role="log"` list that
 * screen readers announce. Reports the end through `onFinished`.
 */

import { el } from "../static/dom.js";

/** A call that just hung up may hold the interview for a moment (409 call_active). */
const OPEN_RETRIES = 10;
const OPEN_RETRY_MS = 500;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class WidgetChat {
  /**
   * @param {{client: import("./client.js").WidgetClient, log: HTMLElement,
   *          labelOf: (speaker: string) => string,
   *          onBusy: (busy: boolean) => void, onFinished: () => void}} options
   */
  constructor({ client, log, labelOf, onBusy, onFinished }) {
    this.client = client;
    this.log = log;
    this.labelOf = labelOf;
    this.onBusy = onBusy;
    this.onFinished = onFinished;
    this.id = null;
    this.busy = false;
    this.over = false;
  }

  async begin(id) {
    this.id = id;
    this.log.replaceChildren();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return this._reply(await this._busy(() => this.client.open(id)));
      } catch (error) {
        if (error.code !== "call_active" || attempt >= OPEN_RETRIES) throw error;
        await sleep(OPEN_RETRY_MS);
      }
    }
  }

  /** Sends one answer; resolves false when nothing was sent (empty, busy or over). */
  async send(text) {
    const answer = text.trim();
    if (!answer || this.busy || this.over || !this.id) return false;
    this._add("candidate", answer);
    this._reply(await this._busy(() => this.client.message(this.id, answer)));
    return true;
  }

  async end() {
    if (this.over || !this.id) return;
    this.over = true;
    await this.client.end(this.id).catch(() => {});
    this.onFinished();
  }

  async _busy(work) {
    this.busy = true;
    this.onBusy(true);
    try {
      return await work();
    } finally {
      this.busy = false;
      this.onBusy(false);
    }
  }

  _reply(reply) {
    this._add("interviewer", reply.reply);
    if (reply.finished && !this.over) {
      this.over = true;
      this.onFinished();
    }
  }

  _add(speaker, text) {
    const line = el(
      "li",
      { className: "caption", dataset: { speaker, final: "true" } },
      el("span", { className: "caption-speaker" }, this.labelOf(speaker)),
      el("span", { className: "caption-text" }, text),
    );
    this.log.append(line);
    this.log.scrollTop = this.log.scrollHeight;
  }
}
