/**
 * Charts with their data as tables, drawn by Chart.js (vendor/chart.umd.js, installed by
 * scripts/setup.sh; it defines the global `Chart`).
 *
 * Every chart is a <figure>: a caption, the canvas (role="img" with a one-line summary) and
 * the same data as a real <table> behind a disclosure, for screen readers and keyboards.
 * Without Chart.js (not installed, or blocked) the table is shown in the chart's place.
 * Charts never animate: the data appears at once, and tests can read the pixels.
 */

import { el } from "./dom.js";

/** Colours of the page theme (style.css), one per dimension, then the overall score. */
export const SERIES_COLOURS = {
  overall: "#0d6b62",
  relevance: "#3b4fa8",
  structure: "#b35c00",
  depth: "#7a3e9d",
  clarity: "#146c2e",
  delivery: "#b42318",
};

const TEXT_COLOUR = "#1b2330";
const GRID_COLOUR = "#d9dee6";

/** The Chart.js constructor, or null when the library did not load. */
export function chartLibrary() {
  const Chart = globalThis.Chart;
  return typeof Chart === "function" && typeof Chart.getChart === "function" ? Chart : null;
}

/**
 * `<table>` with a caption, column headers and one row header per row.
 * @param {string} caption
 * @param {string[]} headers  the first one heads the row headers
 * @param {(string)[][]} rows
 */
export function dataTable(caption, headers, rows) {
  const head = el("tr", {}, ...headers.map((text) => el("th", { scope: "col" }, text)));
  const body = rows.map(([first, ...rest]) =>
    el("tr", {}, el("th", { scope: "row" }, first), ...rest.map((text) => el("td", {}, text))),
  );
  return el(
    "table",
    { className: "data-table" },
    el("caption", {}, caption),
    el("thead", {}, head),
    el("tbody", {}, ...body),
  );
}

/** Options every chart shares: no animation, theme colours, a 0–10 score axis. */
export function baseOptions(scoreAxis) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    color: TEXT_COLOUR,
    scales: {
      [scoreAxis]: {
        min: 0,
        max: 10,
        ticks: { stepSize: 2, color: TEXT_COLOUR },
        grid: { color: GRID_COLOUR },
        title: { display: true, text: "Score out of 10", color: TEXT_COLOUR },
      },
    },
    plugins: { legend: { labels: { color: TEXT_COLOUR } } },
  };
}

/** Destroys the charts drawn inside `container`, before it is emptied or redrawn. */
export function clearCharts(container) {
  const Chart = chartLibrary();
  if (!Chart) return;
  for (const canvas of container.querySelectorAll("canvas")) Chart.getChart(canvas)?.destroy();
}

/**
 * Appends a chart figure to `container` and draws it.
 *
 * @param {HTMLElement} container
 * @param {{id: string, title: string, summary: string, table: HTMLTableElement,
 *          config: object, size?: 'short'|'tall'}} spec
 *   `summary` is read out for the canvas; `config` is a Chart.js configuration
 * @returns {object|null} the Chart instance, or null when the table stands in for it
 */
export function mountChart(container, { id, title, summary, table, config, size = "short" }) {
  const Chart = chartLibrary();
  const caption = el("figcaption", { id: `${id}-title`, className: "chart-title" }, title);
  const figure = el("figure", { id, className: "chart-figure", "aria-labelledby": `${id}-title` }, caption);
  if (!Chart) {
    figure.dataset.fallback = "table";
    const note = el("p", { className: "muted chart-note" }, "Charts are not available here; the data is shown as a table.");
    figure.append(note, el("div", { className: "table-scroll" }, table));
    container.append(figure);
    return null;
  }
  const canvas = el("canvas", { role: "img", "aria-label": `${title}. ${summary}` });
  const box = el("div", { className: `chart-box chart-box-${size}` }, canvas);
  const details = el(
    "details",
    { className: "chart-data" },
    el("summary", {}, "Show the data as a table"),
    el("div", { className: "table-scroll" }, table),
  );
  figure.append(box, details);
  container.append(figure);
  return new Chart(canvas, config);
}
