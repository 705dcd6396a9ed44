/**
 * "My interviews" on the candidate page: the signed-in user's (or guest's) interviews,
 * newest first, each linking to its transcript page (and, once completed, to its feedback
 * report with its overall score), each deletable after a confirm step (delete_confirm.js).
 * Below the list, a link to the history page with the progress charts.
 *
 * Reloads when who is signed in changes and when app.js says a call ended. For a guest it
 * also shows the prompt to save their interviews by creating an account.
 */

import { openAuthDialog } from "./account_menu.js";
import { deleteInterview, listInterviews } from "./api.js";
import { offerDelete } from "./delete_confirm.js";
import { byId, el } from "./dom.js";
import { scoreOutOfTen } from "./feedback_text.js";
import { formatDate, humanize, labelFrom, statusText } from "./format.js";
import * as session from "./session.js";

const SIGNED_OUT_TEXT =
  "Sign in to see your saved interviews. No account is needed to practise: start a call and " +
  "your interviews are kept for you as a guest.";

export class InterviewList {
  constructor() {
    this.section = byId("my-interviews");
    this.list = byId("interview-list");
    this.status = byId("interviews-status");
    this.guestPrompt = byId("guest-prompt");
    this.heading = byId("my-interviews-title");
    this.heading.tabIndex = -1;
    /** GET /api/options, for role and type labels; set by app.js once loaded. */
    this.options = null;
    /** @type {object[]|null} the last list shown; null when there is none */
    this.items = null;
    /** Bumped on every load, so a slow answer for an older load is dropped. */
    this.generation = 0;
    byId("save-interviews").addEventListener("click", () => openAuthDialog("claim"));
    this.historyLink = el("p", { className: "history-link", hidden: true }, el("a", { href: "/history" }, "Your history and progress"));
    this.list.after(this.historyLink);
    session.onChange(() => this.reload());
  }

  setOptions(options) {
    this.options = options;
    if (this.items) this.render(this.items);
  }

  async reload() {
    const generation = ++this.generation;
    const status = session.status();
    this.guestPrompt.hidden = status !== "guest";
    this.historyLink.hidden = status !== "guest" && status !== "member";
    this.section.dataset.status = status;
    if (status === "unknown" || status === "none") {
      this.items = null;
      this.list.replaceChildren();
      this.status.textContent = status === "none" ? SIGNED_OUT_TEXT : "";
      return;
    }
    this.status.textContent = this.items ? "" : "Loading your interviews…";
    try {
      const items = await listInterviews();
      if (generation !== this.generation) return;
      this.items = Array.isArray(items) ? items : [];
      this.render(this.items);
    } catch (error) {
      if (generation !== this.generation) return;
      this.status.textContent = `Your interviews could not be loaded: ${error.message}`;
    }
  }

  render(items) {
    this.list.replaceChildren(...items.map((interview) => this.renderItem(interview)));
    this.status.textContent = items.length ? "" : "No interviews yet. Your finished calls will be listed here.";
  }

  title(interview) {
    return `${labelFrom(this.options?.roles, interview.role)} · ${humanize(interview.level)}`;
  }

  renderItem(interview) {
    const title = this.title(interview);
    const link = el("a", { className: "item-title", href: `/interviews/${encodeURIComponent(interview.id)}` }, title);
    const meta = el(
      "p",
      { className: "item-meta" },
      `${labelFrom(this.options?.interview_types, interview.interview_type)} · `,
      el("time", { dateTime: interview.created_at ?? "" }, formatDate(interview.created_at)),
    );
    const main = el("div", { className: "item-main" }, link, meta);
    if (interview.status === "completed") main.append(reportLine(interview));
    const state = interview.status ?? "";
    const pill = el("span", { className: "pill", dataset: { state } }, statusText(interview.status));
    const actions = el("div", { className: "item-actions" });
    const item = el("li", { className: "item-row interview-item", dataset: { id: interview.id } }, main, pill, actions);
    offerDelete(actions, {
      row: item,
      label: `Delete ${title}, ${formatDate(interview.created_at)}`,
      question: "Delete this interview and its transcript?",
      remove: () => deleteInterview(interview.id),
      onDeleted: () => this.deleted(interview, title),
    });
    return item;
  }

  deleted(interview, title) {
    this.items = (this.items ?? []).filter((other) => other.id !== interview.id);
    this.status.textContent = this.items.length ? `Deleted ${title}.` : "Interview deleted. No interviews left.";
    this.heading.focus();
  }
}

/** "Score 6.5 / 10 · Feedback report" under a completed interview. */
function reportLine(interview) {
  const href = `/interviews/${encodeURIComponent(interview.id)}/report`;
  const score = typeof interview.overall_score === "number" ? `Score ${scoreOutOfTen(interview.overall_score)} · ` : "";
  return el("p", { className: "item-meta item-report" }, score, el("a", { href }, "Feedback report"));
}
