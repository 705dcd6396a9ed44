/**
 * How interview fields read on a page: labels for ids, dates and durations.
 *
 * Shared by the transcript page and the "My interviews" list. Labels for roles and
 * interview types come from GET /api/options when it answered; otherwise ids are humanized.
 */

export const humanize = (value) => {
  const text = String(value ?? "").replaceAll("_", " ").trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "—";
};

/** The label of `id` in `items` ([{id, label}]), or the humanized id. */
export function labelFrom(items, id) {
  const match = Array.isArray(items) ? items.find((item) => item.id === id) : undefined;
  return match?.label ?? humanize(id);
}

export function formatDate(value, { time = true } = {}) {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const style = time ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
  return new Intl.DateTimeFormat(undefined, style).format(date);
}

export function formatDuration(startedAt, endedAt) {
  const ms = new Date(endedAt).getTime() - new Date(startedAt).getTime();
  if (!Number.isFinite(ms) || ms < 0) return "";
  const minutes = Math.floor(ms / 60000);
  const seconds = Math.round((ms % 60000) / 1000);
  return minutes ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

const STATUS_TEXT = {
  created: "Not started",
  active: "In progress",
  in_progress: "In progress",
  completed: "Completed",
};

/** An interview status as a person reads it. */
export const statusText = (value) => STATUS_TEXT[value] ?? humanize(value);
