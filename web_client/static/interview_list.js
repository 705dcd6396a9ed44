/**
 * "My interviews" on the candidate page: the signed-in user's (or guest's) interviews,
 * newest first, each linking to its transcript page, each deletable after a confirm step.
 *
 * Reloads when who is signed in changes and when app.js says a call ended. For a guest it
 * also shows the prompt to save their interviews by creating an account.
 */

import { openAuthDialog } from "./account_menu.js";
import { deleteInterview, listInterviews } from "./api.js";
import { byId, el } from "./dom.js";
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
    const state = interview.status ?? "";
    const pill = el("span", { className: "pill", dataset: { state } }, statusText(interview.status));
    const actions = el("div", { className: "item-actions" });
    const item = el(
      "li",
      { className: "item-row interview-item", dataset: { id: interview.id } },
      el("div", { className: "item-main" }, link, meta),
      pill,
      actions,
    );
    this.showDeleteButton(item, actions, interview, title);
    return item;
  }

  showDeleteButton(item, actions, interview, title) {
    const remove = el(
      "button",
      {
        className: "button button-small button-quiet",
        type: "button",
        "aria-label": `Delete ${title}, ${formatDate(interview.created_at)}`,
      },
      "Delete",
    );
    remove.addEventListener("click", () => this.confirmDelete(item, actions, interview, title));
    delete item.dataset.confirming;
    actions.replaceChildren(remove);
    return remove;
  }

  confirmDelete(item, actions, interview, title) {
    const question = el(
      "p",
      { className: "confirm-text", role: "status" },
      "Delete this interview and its transcript?",
    );
    const yes = el("button", { className: "button button-small button-danger", type: "button" }, "Delete");
    const no = el("button", { className: "button button-small button-secondary", type: "button" }, "Keep");
    no.addEventListener("click", () => this.showDeleteButton(item, actions, interview, title).focus());
    yes.addEventListener("click", () => this.delete(item, actions, interview, title, [yes, no]));
    actions.replaceChildren(question, yes, no);
    item.dataset.confirming = "true";
    no.focus();
  }

  async delete(item, actions, interview, title, buttons) {
    for (const b of buttons) b.disabled = true;
    try {
      // Already gone (deleted in another tab) is what the person asked for.
      await deleteInterview(interview.id).catch((error) => {
        if (error.status !== 404) throw error;
      });
      this.items = (this.items ?? []).filter((other) => other.id !== interview.id);
      item.remove();
      this.status.textContent = this.items.length ? `Deleted ${title}.` : "Interview deleted. No interviews left.";
      this.heading.focus();
    } catch (error) {
      this.showDeleteButton(item, actions, interview, title);
      const problem = `Not deleted: ${error.message}`;
      actions.prepend(el("p", { className: "confirm-text error-text", role: "alert" }, problem));
    }
  }
}
