/**
 * Progress over time on the history page (GET /api/me/progress): the overall score, each
 * dimension, and the weakest area's trend, as line charts with their data as tables.
 *
 * Points come oldest first, one per reported interview. A dimension not measured in an
 * interview (delivery in a typed one) is a gap the line spans, and "not measured" in the
 * table.
 */

import { SERIES_COLOURS, baseOptions, clearCharts, dataTable, mountChart } from "./charts.js";
import { el } from "./dom.js";
import { DIMENSIONS, dimensionLabel, scoreText } from "./feedback_text.js";
import { formatDate, labelFrom } from "./format.js";

const numberOrNull = (value) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** One x label per point: the day, and the number when two fall on the same day. */
function pointLabels(points) {
  const days = points.map((p) => formatDate(p.created_at, { time: false }));
  return days.map((day, i) => (days.filter((d) => d === day).length > 1 ? `${day} (${i + 1})` : day));
}

function line(key, label, data) {
  const colour = SERIES_COLOURS[key] ?? SERIES_COLOURS.overall;
  return { label, data, borderColor: colour, backgroundColor: colour, pointRadius: 4, spanGaps: true, tension: 0.2 };
}

function lineConfig(labels, datasets, { legend }) {
  const options = baseOptions("y");
  options.plugins.legend.display = legend;
  options.plugins.tooltip = { callbacks: { label: (item) => `${item.dataset.label}: ${scoreText(item.raw)}` } };
  options.scales.x = { ticks: { color: "#1b2330" }, grid: { display: false } };
  return { type: "line", data: { labels, datasets }, options };
}

/** "up 1.5 from 4.0 to 5.5 over 3 interviews", for a series with at least two scores. */
export function trendText(scores) {
  const measured = scores.map(numberOrNull).filter((s) => s !== null);
  if (measured.length < 2) return measured.length ? `one score so far: ${measured[0].toFixed(1)}` : "no scores yet";
  const first = measured[0];
  const last = measured.at(-1);
  const change = last - first;
  const direction = Math.abs(change) < 0.05 ? "level" : change > 0 ? `up ${change.toFixed(1)}` : `down ${(-change).toFixed(1)}`;
  return `${direction}, from ${first.toFixed(1)} to ${last.toFixed(1)} over ${measured.length} interviews`;
}

function overallChart(holder, points, labels, options) {
  const scores = points.map((p) => numberOrNull(p.overall));
  const rows = points.map((p, i) => [labels[i], labelFrom(options?.roles, p.role), scoreText(scores[i])]);
  mountChart(holder, {
    id: "overall-chart",
    title: "Overall score over time",
    summary: `Overall score ${trendText(scores)}.`,
    table: dataTable("Overall score by interview", ["Interview", "Role", "Overall score"], rows),
    config: lineConfig(labels, [line("overall", "Overall score", scores)], { legend: false }),
  });
}

function dimensionsChart(holder, points, labels) {
  const series = DIMENSIONS.map((d) => ({ d, scores: points.map((p) => numberOrNull(p.dimensions?.[d])) }));
  const rows = points.map((_, i) => [labels[i], ...series.map(({ scores }) => scoreText(scores[i]))]);
  mountChart(holder, {
    id: "dimensions-chart",
    title: "Each dimension over time",
    summary: series.map(({ d, scores }) => `${dimensionLabel(d)} ${trendText(scores)}`).join("; "),
    table: dataTable("Scores by dimension and interview", ["Interview", ...DIMENSIONS.map((d) => dimensionLabel(d))], rows),
    config: lineConfig(labels, series.map(({ d, scores }) => line(d, dimensionLabel(d), scores)), { legend: true }),
    size: "tall",
  });
}

function weakestChart(holder, weakest, labels) {
  const name = dimensionLabel(weakest.dimension, weakest.label);
  const scores = (weakest.scores ?? []).map(numberOrNull);
  const trend = trendText(scores);
  holder.append(
    el(
      "p",
      { id: "weakest-summary", className: "weakest-summary", dataset: { dimension: weakest.dimension } },
      el("strong", {}, `Your weakest area: ${name}`),
      ` (average ${scoreText(numberOrNull(weakest.mean))}), ${trend}.`,
    ),
  );
  mountChart(holder, {
    id: "weakest-chart",
    title: `Weakest area over time: ${name}`,
    summary: `${name} ${trend}.`,
    table: dataTable(`${name} by interview`, ["Interview", name], labels.map((label, i) => [label, scoreText(scores[i])])),
    config: lineConfig(labels, [line(weakest.dimension, name, scores)], { legend: false }),
  });
}

/**
 * Replaces the contents of `holder` with the progress charts; says so when there is nothing
 * to chart yet.
 * @param {HTMLElement} holder
 * @param {{points: object[], weakest: object|null}} progress
 * @param {object|null} options  GET /api/options, for role labels
 */
export function renderProgress(holder, progress, options) {
  clearCharts(holder);
  holder.replaceChildren();
  const points = progress?.points ?? [];
  if (!points.length) {
    holder.append(el("p", { className: "muted" }, "No feedback reports yet. Finish an interview and its scores will be charted here."));
    return;
  }
  const labels = pointLabels(points);
  overallChart(holder, points, labels, options);
  dimensionsChart(holder, points, labels);
  if (progress.weakest) weakestChart(holder, progress.weakest, labels);
}
