/**
 * The setup form beyond role, level and type (those stay in ui.js): the interview's length
 * with its unit switch, the interviewer persona, and the pasted job description with its
 * character counter. Reads them into the body of POST /api/interviews and checks them the
 * way the server will (agent/interviewer/setup.py), so a mistake is named beside its field.
 */

import { byId } from "./dom.js";
import * as ui from "./ui.js";

/** agent/understanding/jd.py MAX_JD_CHARS. */
export const MAX_JD_CHARS = 20000;

/** agent/interviewer/setup.py: MAX_QUESTIONS, MAX_MINUTES; fewer than 5 minutes is no interview. */
const LENGTH_RANGE = {
  questions: { min: 1, max: 30, initial: 5, label: "Number of questions", hint: "1 to 30 questions, follow-ups come on top." },
  minutes: { min: 5, max: 90, initial: 20, label: "Number of minutes", hint: "5 to 90 minutes." },
};

/** setup.py Persona patterns (\w is any letter or digit there, as with the `u` flag here). */
const NAME_PATTERN = /^[\p{L}\p{N}_ .'-]+$/u;
const COMPANY_PATTERN = /^[\p{L}\p{N}_ .,'&()-]*$/u;

const count = (n) => n.toLocaleString("en-US");

export class SetupForm {
  constructor() {
    this.unitInputs = [byId("length-unit-questions"), byId("length-unit-minutes")];
    this.lengthValue = byId("length-value");
    this.lengthLabel = byId("length-value-label");
    this.lengthHint = byId("length-value-hint");
    this.personaName = byId("persona-name");
    this.personaTone = byId("persona-tone");
    this.personaCompany = byId("persona-company");
    this.jobDescription = byId("job-description");
    this.jdCount = byId("job-description-count");
    this.jdLive = byId("job-description-live");
    this.startText = byId("start-text");
    /** The value last typed for each unit, so switching back restores it. */
    this.lengthByUnit = { questions: LENGTH_RANGE.questions.initial, minutes: LENGTH_RANGE.minutes.initial };
    this.unit = "questions";
    /** Untouched, the length is left to the server's default (MOCKLINE_MAX_QUESTIONS). */
    this.lengthChosen = false;
    this.blocked = "";
    for (const input of this.unitInputs) input.addEventListener("change", () => this.setUnit(input.value));
    this.lengthValue.addEventListener("input", () => (this.lengthChosen = true));
    this.jobDescription.addEventListener("input", () => this.drawCounter());
    // Problems are named on Start; a named one clears as it is fixed. Checking on blur would
    // move the Start buttons just as the pointer reaches them.
    for (const input of [this.lengthValue, this.personaName, this.personaCompany, this.jobDescription]) {
      input.addEventListener("input", () => {
        if (input.getAttribute("aria-invalid") === "true") this.checkField(input);
      });
    }
    this.drawCounter();
  }

  /** Fills role, level and type from GET /api/options, and the default length if it says. */
  fill(options) {
    ui.fillSetupForm(options);
    const length = options.default_length;
    if (!this.lengthChosen && length?.unit === "questions" && Number.isInteger(length.value)) {
      this.lengthByUnit.questions = length.value;
      if (this.unit === "questions") this.lengthValue.value = String(length.value);
    }
  }

  setUnit(unit) {
    const range = LENGTH_RANGE[unit];
    if (!range || unit === this.unit) return;
    this.lengthChosen = true;
    this.lengthByUnit[this.unit] = Number(this.lengthValue.value) || LENGTH_RANGE[this.unit].initial;
    this.unit = unit;
    Object.assign(this.lengthValue, { min: String(range.min), max: String(range.max) });
    this.lengthValue.value = String(this.lengthByUnit[unit]);
    this.lengthLabel.textContent = range.label;
    this.lengthHint.textContent = range.hint;
    this.showFieldError(this.lengthValue, "");
  }

  drawCounter() {
    const length = this.jobDescription.value.length;
    const over = length > MAX_JD_CHARS;
    this.jdCount.textContent = `${count(length)} / ${count(MAX_JD_CHARS)} characters`;
    this.jdCount.dataset.over = String(over);
    // Announced once when crossing the limit, not on every keystroke.
    const live = over ? `The job description is over the ${count(MAX_JD_CHARS)} character limit.` : "";
    if (this.jdLive.textContent !== live) this.jdLive.textContent = live;
    if (!over) this.showFieldError(this.jobDescription, "");
  }

  /** The problem with one field, in words, or "" when it is fine. */
  problemOf(input) {
    const value = input.value.trim();
    if (input === this.lengthValue) {
      const { min, max } = LENGTH_RANGE[this.unit];
      const n = Number(input.value);
      return Number.isInteger(n) && n >= min && n <= max
        ? ""
        : `Choose a whole number of ${this.unit} from ${min} to ${max}.`;
    }
    if (input === this.personaName) {
      if (!value) return "Give the interviewer a name, for example Alex.";
      return NAME_PATTERN.test(value) ? "" : "Use letters, spaces, dots, apostrophes or hyphens only.";
    }
    if (input === this.personaCompany) {
      return COMPANY_PATTERN.test(value) ? "" : "Use words and basic punctuation (. , ' & ( ) -) only.";
    }
    if (input === this.jobDescription && input.value.length > MAX_JD_CHARS) {
      const extra = input.value.length - MAX_JD_CHARS;
      const chars = `${count(extra)} character${extra === 1 ? "" : "s"}`;
      return `The job description is ${chars} too long. Keep the role's description and requirements only.`;
    }
    return "";
  }

  checkField(input) {
    const problem = this.problemOf(input);
    this.showFieldError(input, problem);
    return problem;
  }

  showFieldError(input, message) {
    const error = byId(`${input.id}-error`);
    if (!error) return;
    error.textContent = message;
    error.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  /**
   * Checks every field; focuses the first one with a problem.
   * @returns {string} "" when the form is ready, else the first problem
   */
  validate() {
    const fields = [this.lengthValue, this.personaName, this.personaCompany, this.jobDescription];
    const problems = fields.map((input) => [input, this.checkField(input)]).filter(([, problem]) => problem);
    if (!problems.length) return "";
    problems[0][0].focus();
    return problems[0][1];
  }

  /** The body of POST /api/interviews, without the resume (see profile_editor.js). */
  read() {
    const body = {
      ...ui.readSetupForm(),
      persona: {
        name: this.personaName.value.trim(),
        tone: this.personaTone.value,
        company_style: this.personaCompany.value.trim(),
      },
    };
    if (this.lengthChosen) body.length = { unit: this.unit, value: Number(this.lengthValue.value) };
    const jd = this.jobDescription.value.trim();
    if (jd) body.job_description = jd;
    return body;
  }

  /**
   * Both start buttons follow ui.setStartBusy; `blocked` (a reason, e.g. a resume still being
   * read) keeps them off while the form is otherwise idle.
   */
  setBusy(busy, status = "") {
    ui.setStartBusy(busy || Boolean(this.blocked), busy ? status : status || this.blocked);
    this.startText.disabled = ui.elements.startCall.disabled;
    this.startText.setAttribute("aria-busy", String(busy));
  }

  /** @param {string} reason  "" to unblock */
  block(reason) {
    this.blocked = reason;
    this.setBusy(false);
  }
}
