/**
 * History page (`/history`): the signed-in user's (or guest's) past interviews with their
 * overall scores and feedback links, each deletable after a confirm step, and the progress
 * charts (progress_chart.js).
 *
 * The session is restored (silent refresh) first; with none the page asks to sign in and
 * shows the history once the person has. Scores come from the list (`overall_score`) and,
 * where the list has none, from the progress points. Deleting an interview removes its row
 * and redraws the progress without it. `#history[data-state]`: loading, ready, signed-out
 * or error.
 */

import { mountAccountMenu, openAuthDialog } from "./account_menu.js";
import { ApiError, deleteInterview, getOptions, listInterviews } from "./api.js";
import { offerDelete } from "./delete_confirm.js";
import { byId, el, setAlert } from "./dom.js";
import { getProgress } from "./feedback_api.js";
import { scoreOutOfTen } from "./feedback_text.js";
import { formatDate, humanize, labelFrom, statusText } from "./format.js";
import { renderProgress } from "./progress_chart.js";
import * as session from "./session.js";

const showError = (message) => setAlert(byId("error"), message);

/** What the page shows now; `generation` drops answers for an older load. */
const view = { items: [], options: null, generation: 0 };

const interviewPath = (id) => `/interviews/${encodeURIComponent(id)}`;

function scoreOf(interview, scores) {
  if (typeof interview.overall_score === "number") return interview.overall_score;
  return scores.get(interview.id) ?? null;
}

function renderRow(interview, scores) {
  const role = `${labelFrom(view.options?.roles, interview.role)} · ${humanize(interview.level)}`;
  const date = formatDate(interview.created_at);
  const completed = interview.status === "completed";
  const feedback = completed
    ? el("a", { href: `${interviewPath(interview.id)}/report`, "aria-label": `Feedback report: ${role}, ${date}` }, "Report")
    : el("span", { className: "muted" }, "After the interview");
  const actions = el("div", { className: "item-actions" });
  const row = el(
    "tr",
    { dataset: { id: interview.id } },
    el("th", { scope: "row" }, el("a", { href: interviewPath(interview.id) }, el("time", { dateTime: interview.created_at ?? "" }, date))),
    el("td", {}, role),
    el("td", {}, labelFrom(view.options?.interview_types, interview.interview_type)),
    el("td", {}, el("span", { className: "pill", dataset: { state: interview.status ?? "" } }, statusText(interview.status))),
    el("td", { className: "score-cell" }, scoreOutOfTen(scoreOf(interview, scores))),
    el("td", {}, feedback),
    el("td", {}, actions),
  );
  offerDelete(actions, {
    row,
    label: `Delete ${role}, ${date}`,
    question: "Delete this interview, its transcript and its report?",
    remove: () => deleteInterview(interview.id),
    onDeleted: () => deleted(interview, role),
  });
  return row;
}

function renderList(items, progress) {
  const scores = new Map((progress?.points ?? []).map((p) => [p.interview_id, p.overall]));
  byId("past-rows").replaceChildren(...items.map((interview) => renderRow(interview, scores)));
  byId("past-scroll").hidden = !items.length;
  byId("past-status").textContent = items.length ? "" : "No interviews yet. Start one from the home page.";
  byId("past").hidden = false;
}

function showProgress(progress) {
  renderProgress(byId("progress-charts"), progress, view.options);
  byId("progress").hidden = false;
}

async function reloadProgress() {
  const generation = view.generation;
  try {
    const progress = await getProgress();
    if (generation === view.generation) showProgress(progress);
  } catch (error) {
    byId("progress-status").textContent = `Your progress could not be loaded: ${error.message}`;
  }
}

function deleted(interview, role) {
  view.items = view.items.filter((other) => other.id !== interview.id);
  byId("past-scroll").hidden = !view.items.length;
  byId("past-status").textContent = view.items.length ? `Deleted ${role}.` : "Interview deleted. No interviews left.";
  byId("past-title").focus();
  reloadProgress();
}

function showSignInHint() {
  byId("history").dataset.state = "signed-out";
  const signIn = el("button", { className: "button button-primary", type: "button" }, "Sign in");
  signIn.addEventListener("click", () => openAuthDialog("signin"));
  byId("history-signin").replaceChildren(el("p", {}, "Sign in to see your interviews and your progress."), signIn);
  byId("history-signin").hidden = false;
}

async function load() {
  const generation = ++view.generation;
  const section = byId("history");
  section.setAttribute("aria-busy", "true");
  section.dataset.state = "loading";
  showError("");
  try {
    const [items, progress, options] = await Promise.all([
      listInterviews(),
      getProgress().catch(() => null),
      getOptions().catch(() => null),
    ]);
    if (generation !== view.generation) return;
    view.items = Array.isArray(items) ? items : [];
    view.options = options;
    renderList(view.items, progress);
    if (progress) showProgress(progress);
    else byId("progress-status").textContent = "Your progress could not be loaded. Reload the page to try again.";
    byId("progress").hidden = false;
    section.dataset.state = "ready";
  } catch (error) {
    if (generation !== view.generation) return;
    if (error instanceof ApiError && error.status === 401) showSignInHint();
    else {
      section.dataset.state = "error";
      showError(`Your interviews could not be loaded: ${error.message}`);
    }
  } finally {
    if (generation === view.generation) {
      byId("history-loading")?.remove();
      section.setAttribute("aria-busy", "false");
    }
  }
}

function hideHistory() {
  byId("history-signin").hidden = true;
  byId("progress").hidden = true;
  byId("past").hidden = true;
  byId("past-rows").replaceChildren();
  byId("progress-status").textContent = "";
}

function main() {
  mountAccountMenu(byId("account-menu"), { onError: showError });
  session.onViewerChange(() => {
    hideHistory();
    load();
  });
  session.restore();
}

main();
