/**
 * Live captions from data-channel `transcript` messages.
 *
 * Each speaker has at most one pending (interim) line; later messages from that speaker
 * replace its text until a final one settles it, and the next message opens a new line.
 */

import { speakerLabel } from "./transcript.js";

export class Captions {
  /**
   * @param {HTMLElement} list  an <ol>; its `:empty` state shows a placeholder via CSS
   * @param {(speaker: string) => string} [labelOf]  the speaker's name in the page's language
   */
  constructor(list, labelOf = speakerLabel) {
    this.list = list;
    this.labelOf = labelOf;
    /** @type {Map<string, HTMLElement>} speaker -> its interim line */
    this.pending = new Map();
  }

  /** @param {{speaker: string, text: string, final: boolean}} message */
  add({ speaker, text, final }) {
    if (typeof text !== "string" || (!text.trim() && !this.pending.has(speaker))) return;
    let line = this.pending.get(speaker);
    if (!line) {
      line = this._newLine(speaker);
      this.list.append(line);
    }
    line.querySelector(".caption-text").textContent = text;
    line.dataset.final = final ? "true" : "false";
    if (final) this.pending.delete(speaker);
    else this.pending.set(speaker, line);
    if (final && !text.trim()) line.remove();
    this.list.scrollTop = this.list.scrollHeight;
  }

  clear() {
    this.pending.clear();
    this.list.replaceChildren();
  }

  _newLine(speaker) {
    const line = document.createElement("li");
    line.className = "caption";
    line.dataset.speaker = speaker;
    const label = document.createElement("span");
    label.className = "caption-speaker";
    label.textContent = this.labelOf(speaker);
    const text = document.createElement("span");
    text.className = "caption-text";
    line.append(label, text);
    return line;
  }
}
