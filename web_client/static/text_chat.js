/**
 * The typed interview: a conversation list, a textbox with Send (Enter sends, Shift+Enter
 * starts a new line), End interview, and Switch to voice.
 *
 * `begin(id)` opens the interview as text (POST /open: the opening, or a "welcome back" with
 * the current question after a call), showing what was already said first; each answer goes
 * to POST /messages, one at a time. It reports the end (the interviewer finished, or End
 * interview) and the switch to voice through callbacks; app.js decides what happens next.
 */

import { endInterview, getInterview } from "./api.js";
import { byId, el, setAlert } from "./dom.js";
import { hooks } from "./page_state.js";
import { openInterview, sendMessage } from "./interview_api.js";
import { speakerLabel, spokenText } from "./transcript.js";

/** A call that just hung up may still hold the interview for a moment (409 call_active). */
const OPEN_RETRIES = 10;
const OPEN_RETRY_MS = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {object} ChatHandlers
 * @property {(id: string) => void} onFinished      the interview is over; show its transcript
 * @property {(id: string) => void} onSwitchToVoice  start a call on this interview
 */

export class TextChat {
  /** @param {ChatHandlers} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.log = byId("chat-log");
    this.form = byId("chat-form");
    this.input = byId("chat-input");
    this.sendButton = byId("chat-send");
    this.voiceButton = byId("chat-voice");
    this.endButton = byId("chat-end");
    this.status = byId("chat-status");
    this.error = byId("chat-error");
    this.progress = byId("chat-progress");
    /** @type {string|null} */ this.id = null;
    this.waiting = false;
    this.over = true;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      this.send();
    });
    this.endButton.addEventListener("click", () => this.end());
    this.voiceButton.addEventListener("click", () => {
      if (this.id && !this.waiting && !this.over) this.handlers.onSwitchToVoice(this.id);
    });
  }

  /**
   * Opens interview `id` as text. Rejects (an ApiError with a readable message) when it
   * cannot be opened.
   * @param {string} id
   * @param {{history?: boolean}} [options]  show the turns already recorded (after a call)
   */
  async begin(id, { history = false } = {}) {
    this.id = id;
    this.over = false;
    this.log.replaceChildren();
    setAlert(this.error, "");
    this.input.value = "";
    this.setWaiting(true, "The interviewer is getting ready…");
    try {
      // Open first: a call that just hung up is still writing its last turns, and the open
      // waits for it (409 call_active until then), so the history read after it is whole.
      const opening = await this.openWithRetry(id);
      // What was said before is there to read, not to be announced all at once.
      this.log.setAttribute("aria-busy", "true");
      if (history) await this.showHistory(id, { before: opening.reply });
      this.log.setAttribute("aria-busy", "false");
      this.answered(opening);
    } finally {
      this.log.setAttribute("aria-busy", "false");
      this.setWaiting(false);
    }
    if (!this.over) this.input.focus();
  }

  /**
   * The turns recorded before the opening that was just received (the last turn stored is
   * that opening itself, shown by `answered`).
   * @param {string} id
   * @param {{before: string}} opening
   */
  async showHistory(id, { before }) {
    const interview = await getInterview(id).catch(() => null);
    const turns = [...(interview?.turns ?? [])].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const last = turns.at(-1);
    if (last && last.speaker === "interviewer" && last.text === before) turns.pop();
    for (const turn of turns) {
      const text = spokenText(turn).trim();
      if (text) this.log.append(this.line(turn.speaker, text, { earlier: true }));
    }
  }

  async openWithRetry(id) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await openInterview(id);
      } catch (error) {
        if (error.code !== "call_active" || attempt >= OPEN_RETRIES) throw error;
        await sleep(OPEN_RETRY_MS);
      }
    }
  }

  async send() {
    const text = this.input.value.trim();
    if (this.waiting || this.over || !this.id) return;
    if (!text) {
      this.status.textContent = "Type your answer first.";
      this.input.focus();
      return;
    }
    setAlert(this.error, "");
    const line = this.add("candidate", text);
    this.input.value = "";
    this.setWaiting(true, "The interviewer is thinking…");
    try {
      this.answered(await sendMessage(this.id, text));
    } catch (error) {
      if (error.code === "interview_finished") {
        this.finish();
        return;
      }
      // Not sent: the answer goes back into the box, to try again.
      line.remove();
      hooks.chat.pop();
      this.input.value = text;
      setAlert(this.error, messageFor(error));
    } finally {
      this.setWaiting(false);
    }
    if (!this.over) this.input.focus();
  }

  /** @param {import("./interview_api.js").InterviewerReply} reply */
  answered(reply) {
    hooks.progress = {
      question_index: reply.question_index,
      question_count: reply.question_count,
      finished: reply.finished,
    };
    this.drawProgress(reply);
    if (reply.reply) this.add("interviewer", reply.reply);
    if (reply.finished) this.finish();
  }

  drawProgress({ question_index: index, question_count: total, finished }) {
    const known = Number.isInteger(index) && Number.isInteger(total) && total > 0;
    this.progress.hidden = !known;
    if (!known) return;
    const shown = Math.min(Math.max(index + 1, 1), total); // question_index is 0-based
    this.progress.textContent = finished ? "Finished" : `Question ${shown} of ${total}`;
    this.progress.dataset.state = finished ? "completed" : "active";
  }

  async end() {
    if (!this.id || this.over) return;
    this.setWaiting(true, "Ending the interview…");
    try {
      await endInterview(this.id);
      this.finish();
    } catch (error) {
      setAlert(this.error, `The interview could not be ended: ${error.message}`);
    } finally {
      this.setWaiting(false);
    }
  }

  finish() {
    if (this.over) return;
    this.over = true;
    this.setWaiting(false);
    this.handlers.onFinished(/** @type {string} */ (this.id));
  }

  /** Leaves the chat without ending the interview (a call takes over). */
  stop() {
    this.over = true;
    this.setWaiting(false);
    this.status.textContent = "";
  }

  showError(message) {
    setAlert(this.error, message);
  }

  /** Back to typing after a call on this interview could not start; nothing is reopened. */
  resume() {
    if (!this.id) return;
    this.over = false;
    this.setWaiting(false);
    this.input.focus();
  }

  setWaiting(waiting, status = "") {
    this.waiting = waiting;
    // readOnly, not disabled: the textbox keeps focus while the interviewer answers.
    this.input.readOnly = waiting || this.over;
    for (const button of [this.sendButton, this.voiceButton, this.endButton]) button.disabled = waiting || this.over;
    this.form.setAttribute("aria-busy", String(waiting));
    this.status.textContent = this.over && !waiting ? "The interview is over." : status;
  }

  add(speaker, text) {
    hooks.chat.push({ speaker, text, t: performance.now() });
    const line = this.line(speaker, text);
    this.log.append(line);
    this.log.scrollTop = this.log.scrollHeight;
    return line;
  }

  line(speaker, text, { earlier = false } = {}) {
    return el(
      "li",
      { className: "caption chat-message", dataset: { speaker, final: "true", earlier: String(earlier) } },
      el("span", { className: "caption-speaker" }, speakerLabel(speaker)),
      el("span", { className: "caption-text" }, text),
    );
  }
}

function messageFor(error) {
  if (error.code === "call_active") {
    return "A voice call is still running for this interview. End it or wait a moment, then send again.";
  }
  return `Your answer was not sent: ${error.message}`;
}
