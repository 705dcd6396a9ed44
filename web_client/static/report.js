/**
 * Feedback report page (`/interviews/{id}/report`): the report of one finished interview.
 *
 * The session is restored (silent refresh) before anything is asked, as on the transcript
 * page: with no session the page asks to sign in; someone else's interview reads as not
 * found. An interview still running has no report yet (409 `interview_not_finished`): the
 * page says so and links to the interview. `#report[data-state]` says where the page is:
 * loading, ready, not-finished, unavailable, not-found, signed-out or error.
 */

import { mountAccountMenu, openAuthDialog } from "./account_menu.js";
import { ApiError, getInterview, getOptions } from "./api.js";
import { clearCharts } from "./charts.js";
import { byId, el, setAlert } from "./dom.js";
import { getReport, getReportPdf, reportPdfPath } from "./feedback_api.js";
import { PRACTICE_NOTE, recommendationText, scorerText } from "./feedback_text.js";
import { formatDate, humanize, labelFrom } from "./format.js";
import { renderReport } from "./report_view.js";
import * as session from "./session.js";

/** The id in `/interviews/{id}/report`, or null. */
function interviewIdFromPath(pathname) {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length !== 3 || segments[0] !== "interviews" || segments[2] !== "report") return null;
  try {
    return decodeURIComponent(segments[1]);
  } catch {
    return null;
  }
}

const showError = (message) => setAlert(byId("error"), message);

function setState(state) {
  byId("report").dataset.state = state;
}

function showNotice(...children) {
  byId("report-notice").replaceChildren(...children);
  byId("report-notice").hidden = false;
}

function renderMeta(interview, options) {
  if (!interview) return;
  const role = labelFrom(options?.roles, interview.role);
  const type = labelFrom(options?.interview_types, interview.interview_type);
  byId("report-meta").textContent = `${role} · ${humanize(interview.level)} · ${type} · ${formatDate(interview.created_at)}`;
  document.title = `Mockline · Feedback: ${role} interview`;
}

function renderSummary(report) {
  const recommendation = recommendationText(report.recommendation);
  byId("overall-score").textContent = Number(report.overall).toFixed(1);
  byId("recommendation").textContent = recommendation.title;
  byId("recommendation").dataset.recommendation = report.recommendation ?? "";
  byId("recommendation-text").textContent = recommendation.text;
  byId("verdict").textContent = report.verdict ?? "";
  byId("practice-note").textContent = PRACTICE_NOTE;
  byId("scorer").textContent = `${scorerText(report.scorer)} Generated ${formatDate(report.generated_at)}.`.trim();
  byId("report-summary").hidden = false;
  byId("download-pdf").hidden = false;
}

function showNotFinished(id) {
  setState("not-finished");
  byId("report-title").textContent = "The report is not ready yet";
  showNotice(
    el("p", {}, "This interview has not finished. Its feedback report is written once the interview ends."),
    el("p", {}, el("a", { href: `/interviews/${encodeURIComponent(id)}` }, "Open the interview"), " to see where it stands."),
  );
}

function showSignInHint() {
  setState("signed-out");
  byId("report-title").textContent = "Sign in to see this report";
  const signIn = el("button", { className: "button button-primary", type: "button" }, "Sign in");
  signIn.addEventListener("click", () => openAuthDialog("signin"));
  showNotice(el("p", {}, "Reports are private to the account that did the interview. Sign in to open this one."), signIn);
}

function showFailure(error) {
  if (error instanceof ApiError && error.status === 404) {
    setState("not-found");
    byId("report-title").textContent = "Interview not found";
    showError("Interview not found. Check the link, or open one from your history.");
  } else if (error instanceof ApiError && error.status === 401) {
    showSignInHint();
  } else if (error instanceof ApiError && error.code === "report_unavailable") {
    setState("unavailable");
    showNotice(el("p", {}, error.message));
  } else {
    setState("error");
    showError(`The report could not be loaded: ${error.message}`);
  }
}

async function load(id) {
  const section = byId("report");
  section.setAttribute("aria-busy", "true");
  setState("loading");
  showError("");
  try {
    if (!id) throw new ApiError("No interview id in this address.", { status: 404, code: "not_found" });
    byId("transcript-link").href = `/interviews/${encodeURIComponent(id)}`;
    const [report, interview, options] = await Promise.all([
      getReport(id),
      getInterview(id).catch(() => null),
      getOptions().catch(() => null),
    ]);
    byId("report-title").textContent = "Feedback report";
    renderMeta(interview, options);
    renderSummary(report);
    renderReport(byId("report-body"), report);
    setState("ready");
  } catch (error) {
    if (error instanceof ApiError && error.code === "interview_not_finished") showNotFinished(id);
    else showFailure(error);
  } finally {
    byId("loading")?.remove();
    section.setAttribute("aria-busy", "false");
  }
}

/** The PDF needs the Bearer header, so it is fetched here and saved from a blob URL. */
async function downloadPdf(event, id) {
  event.preventDefault();
  const link = byId("download-pdf");
  const status = byId("pdf-status");
  if (link.getAttribute("aria-disabled") === "true") return;
  link.setAttribute("aria-disabled", "true");
  status.textContent = "Preparing the PDF…";
  try {
    const blob = await getReportPdf(id);
    const url = URL.createObjectURL(blob);
    const save = el("a", { href: url, download: `mockline-report-${id}.pdf`, hidden: true });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = "The PDF has been downloaded.";
  } catch (error) {
    status.textContent = `The PDF could not be downloaded: ${error.message}`;
  } finally {
    link.removeAttribute("aria-disabled");
  }
}

function reset() {
  byId("report-summary").hidden = true;
  byId("report-notice").hidden = true;
  byId("download-pdf").hidden = true;
  clearCharts(byId("report-body"));
  byId("report-body").replaceChildren();
}

function main() {
  const id = interviewIdFromPath(window.location.pathname);
  mountAccountMenu(byId("account-menu"), { onError: showError });
  if (id) byId("download-pdf").href = reportPdfPath(id);
  byId("download-pdf").addEventListener("click", (event) => downloadPdf(event, id));
  // Signing in (or out) on this page shows what the new account may see.
  session.onViewerChange(() => {
    reset();
    load(id);
  });
  session.restore();
}

main();
