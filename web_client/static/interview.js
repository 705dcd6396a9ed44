/**
 * Transcript page (`/interviews/{id}`): one saved interview, its details and its turns.
 *
 * The id is the last path segment. Labels for role and interview type come from
 * GET /api/options when it answers; otherwise the raw ids are humanized.
 */

import { ApiError, getInterview, getOptions } from "./api.js";
import { renderTurns } from "./transcript.js";

const byId = (id) => document.getElementById(id);

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

const humanize = (value) => {
  const text = String(value ?? "").replaceAll("_", " ").trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "—";
};

function labelFrom(items, id) {
  const match = Array.isArray(items) ? items.find((item) => item.id === id) : undefined;
  return match?.label ?? humanize(id);
}

function formatDate(value) {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

function formatDuration(startedAt, endedAt) {
  const ms = new Date(endedAt).getTime() - new Date(startedAt).getTime();
  if (!Number.isFinite(ms) || ms < 0) return "";
  const minutes = Math.floor(ms / 60000);
  const seconds = Math.round((ms % 60000) / 1000);
  return minutes ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

function showError(message) {
  const error = byId("error");
  error.textContent = message;
  error.hidden = false;
}

function renderInterview(interview, options) {
  byId("role").textContent = labelFrom(options?.roles, interview.role);
  byId("level").textContent = humanize(interview.level);
  byId("interview-type").textContent = labelFrom(options?.interview_types, interview.interview_type);
  const status = byId("status");
  status.textContent = interview.status ?? "unknown";
  status.dataset.state = interview.status ?? "";
  const duration =
    interview.started_at && interview.ended_at ? formatDuration(interview.started_at, interview.ended_at) : "";
  byId("date").textContent = formatDate(interview.created_at) + (duration ? ` · ${duration}` : "");
  byId("interview-id").textContent = interview.id;
  byId("details").hidden = false;
  byId("transcript-title").hidden = false;

  const turns = interview.turns ?? [];
  renderTurns(byId("transcript"), turns, { candidateLabel: "Candidate" });
  byId("transcript-status").textContent = turns.length ? "" : "No turns were recorded in this interview.";
  document.title = `Mockline · ${labelFrom(options?.roles, interview.role)} interview`;
}

async function main() {
  const section = byId("interview");
  const loading = byId("loading");
  const id = interviewIdFromPath(window.location.pathname);
  try {
    if (!id) throw new ApiError("No interview id in this address.", { status: 404, code: "not_found" });
    const [interview, options] = await Promise.all([getInterview(id), getOptions().catch(() => null)]);
    renderInterview(interview, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      showError("Interview not found. Check the link, or start a new interview from the home page.");
      byId("interview-title").textContent = "Interview not found";
    } else {
      showError(`The interview could not be loaded: ${error.message}`);
    }
  } finally {
    loading.remove();
    section.setAttribute("aria-busy", "false");
  }
}

main();
