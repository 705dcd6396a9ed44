/**
 * Transcript page (`/interviews/{id}`): one saved interview, its details and its turns.
 *
 * The id is the last path segment. The session is restored (silent refresh) before
 * anything is asked: with no session at all the page says to sign in, and shows the
 * interview once the person has; someone else's interview reads as not found, as the
 * server answers 404 for it. Labels for role and interview type come from GET /api/options.
 * A completed interview links to its feedback report.
 */

import { mountAccountMenu, openAuthDialog } from "./account_menu.js";
import { ApiError, getInterview, getOptions } from "./api.js";
import { mountDialIn, stopFollowing } from "./dial_in.js";
import { byId, el, setAlert } from "./dom.js";
import { formatDate, formatDuration, humanize, labelFrom, statusText } from "./format.js";
import * as session from "./session.js";
import { renderTurns } from "./transcript.js";

function interviewIdFromPath(pathname) {
  const segments = pathname.split("/").filter(Boolean);
  const last = segments.at(-1);
  if (segments.length < 2 || !last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return null;
  }
}

const showError = (message) => setAlert(byId("error"), message);

function renderInterview(interview, options) {
  byId("role").textContent = labelFrom(options?.roles, interview.role);
  byId("level").textContent = humanize(interview.level);
  byId("interview-type").textContent = labelFrom(options?.interview_types, interview.interview_type);
  byId("interview-id").textContent = interview.id;
  byId("details").hidden = false;
  byId("transcript-title").hidden = false;
  // A completed interview has a feedback report (generated on first view if need be).
  byId("report-link").href = `/interviews/${encodeURIComponent(interview.id)}/report`;
  byId("report-link-row").hidden = interview.status !== "completed";
  mountDialIn(interview, {
    onFinished: () => load(interview.id), // a phone call ended the interview: show it all
    onDropped: () => refreshTurns(interview.id), // the line dropped: show what was said
  });
  showProgress(interview);
  document.title = `Mockline · ${labelFrom(options?.roles, interview.role)} interview`;
}

/** The parts a call changes: status, date and duration, and the turns. */
function showProgress(interview) {
  const status = byId("status");
  status.textContent = statusText(interview.status);
  status.dataset.state = interview.status ?? "";
  const duration =
    interview.started_at && interview.ended_at ? formatDuration(interview.started_at, interview.ended_at) : "";
  byId("date").textContent = formatDate(interview.created_at) + (duration ? ` · ${duration}` : "");
  const turns = interview.turns ?? [];
  renderTurns(byId("transcript"), turns, { candidateLabel: "Candidate" });
  byId("transcript-status").textContent = turns.length ? "" : "No turns were recorded in this interview.";
}

async function refreshTurns(id) {
  try {
    showProgress(await getInterview(id));
  } catch {
    // The transcript stays as it was; a reload shows it.
  }
}

function showSignInHint() {
  byId("interview-title").textContent = "Sign in to see this interview";
  const signIn = el(
    "button",
    { id: "signin-hint-button", className: "button button-primary", type: "button" },
    "Sign in",
  );
  signIn.addEventListener("click", () => openAuthDialog("signin"));
  byId("signin-hint").replaceChildren(
    el("p", {}, "Interviews are private to the account that did them. Sign in to open this one."),
    signIn,
  );
  byId("signin-hint").hidden = false;
}

function showNotFound() {
  showError("Interview not found. Check the link, or start a new interview from the home page.");
  byId("interview-title").textContent = "Interview not found";
}

async function load(id) {
  const section = byId("interview");
  section.setAttribute("aria-busy", "true");
  byId("signin-hint").hidden = true;
  showError("");
  try {
    if (!id) throw new ApiError("No interview id in this address.", { status: 404, code: "not_found" });
    // Without a session this is a 401 (sign-in hint); an unreachable server says so instead.
    const [interview, options] = await Promise.all([getInterview(id), getOptions().catch(() => null)]);
    byId("interview-title").textContent = "Interview transcript";
    renderInterview(interview, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) showNotFound();
    else if (error instanceof ApiError && error.status === 401) showSignInHint();
    else showError(`The interview could not be loaded: ${error.message}`);
  } finally {
    byId("loading")?.remove();
    section.setAttribute("aria-busy", "false");
  }
}

function main() {
  const id = interviewIdFromPath(window.location.pathname);
  mountAccountMenu(byId("account-menu"), { onError: showError });
  // Signing in (or out) on this page shows what the new account may see.
  session.onViewerChange(() => {
    hideInterview();
    load(id);
  });
  session.restore();
}

function hideInterview() {
  byId("details").hidden = true;
  byId("report-link-row").hidden = true;
  byId("dial-in-row").hidden = true;
  stopFollowing();
  byId("transcript-title").hidden = true;
  byId("transcript").replaceChildren();
  byId("transcript-status").textContent = "";
}

main();
