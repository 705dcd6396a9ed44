/**
 * The cohort on /org: the students table, the per-dimension spread chart (charts.js), CSV
 * export, and the drill-down into one student's interviews and reports. Opening a report is
 * audited by the server; the page only asks for it.
 */

import { clearCharts, dataTable, mountChart, SERIES_COLOURS } from "./charts.js";
import { byId, el } from "./dom.js";
import { DIMENSIONS } from "./feedback_text.js";
import { formatDate, humanize } from "./format.js";
import * as orgApi from "./org_api.js";

const score = (value) => (typeof value === "number" ? value.toFixed(1) : "–");
const BIN_LABELS = Array.from({ length: 10 }, (_, i) => `${i}–${i + 1}`);

function trendCell(trend) {
  if (typeof trend !== "number") return el("td", {}, "–");
  const text = `${trend > 0 ? "+" : ""}${trend.toFixed(1)}`;
  return el("td", { className: trend > 0 ? "trend-up" : trend < 0 ? "trend-down" : "" }, text);
}

/** Saves a Blob under `filename` through a temporary object URL. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** `onOpened` runs after a report was opened (the server audited it). */
export function renderCohort(org, cohort, onError, onOpened = () => {}) {
  const rows = cohort.students.map((s) => {
    const name = s.name || s.external_id;
    const view = el("button", { type: "button", className: "button button-secondary button-small", "aria-label": `Reports of ${name}` }, "Reports");
    view.addEventListener("click", () => showStudent(org, s.id, onError, onOpened));
    return el(
      "tr",
      { dataset: { student: s.id } },
      el("th", { scope: "row" }, name, el("div", { className: "item-meta" }, s.external_id)),
      el("td", {}, String(s.interviews_completed)),
      el("td", { className: "score-cell" }, score(s.latest_overall)),
      el("td", { className: "score-cell" }, score(s.best_overall)),
      trendCell(s.trend),
      el("td", {}, s.weakest ? `${s.weakest.label} (${score(s.weakest.mean)})` : "–"),
      el("td", {}, view),
    );
  });
  byId("cohort-rows").replaceChildren(...rows);
  byId("cohort-status").textContent = rows.length
    ? `${rows.length} student${rows.length === 1 ? "" : "s"}.`
    : "No student has practised through your portal yet.";
  byId("cohort").hidden = false;
  renderSpread(cohort.dimensions);
}

function renderSpread(dimensions) {
  const container = byId("dimension-chart");
  clearCharts(container);
  container.replaceChildren();
  const table = dataTable(
    "Students per score band, by dimension",
    ["Dimension", ...BIN_LABELS],
    dimensions.map((d) => [d.label, ...d.bins.map(String)]),
  );
  const counted = dimensions.reduce((n, d) => n + d.bins.reduce((a, b) => a + b, 0), 0);
  mountChart(container, {
    id: "spread",
    title: "Latest scores by dimension",
    summary: counted ? "Bars count students in each one-point band." : "No reports yet.",
    table,
    size: "tall",
    config: {
      type: "bar",
      data: {
        labels: BIN_LABELS,
        datasets: dimensions.map((d) => ({
          label: d.label,
          data: d.bins,
          backgroundColor: SERIES_COLOURS[d.dimension] ?? "#3b4fa8",
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: "Score band (out of 10)" } },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Students" } },
        },
      },
    },
  });
  byId("dimensions").hidden = false;
}

async function showStudent(org, studentId, onError, onOpened) {
  try {
    const detail = await orgApi.getStudent(org, studentId);
    const name = detail.student.name || detail.student.external_id;
    byId("student-title").textContent = `Reports of ${name}`;
    const items = detail.interviews.map((i) => {
      const label = `${i.practice_set_name ?? humanize(i.role)} · ${formatDate(i.created_at)}`;
      const open = el("button", { type: "button", className: "button button-secondary button-small" }, "Open report");
      open.disabled = i.status !== "completed";
      open.addEventListener("click", () =>
        showReport(org, studentId, i.id, label)
          .then(onOpened)
          .catch((e) => onError(e.message)),
      );
      return el(
        "li",
        { className: "item-row", dataset: { interview: i.id } },
        el("div", { className: "item-main" }, el("p", { className: "item-title" }, label),
          el("p", { className: "item-meta" }, `${humanize(i.status)} · overall ${score(i.overall_score)}`)),
        el("div", { className: "item-actions" }, open),
      );
    });
    byId("student-interviews").replaceChildren(...items);
    byId("student-report").replaceChildren();
    byId("student").hidden = false;
    byId("student-title").focus();
  } catch (error) {
    onError(error.message);
  }
}

async function showReport(org, studentId, interviewId, label) {
  const report = await orgApi.getStudentReport(org, studentId, interviewId);
  const dims = DIMENSIONS.map((d) => report.dimensions.find((x) => x.dimension === d)).filter(Boolean);
  const pdf = el("button", { type: "button", className: "button button-secondary button-small" }, "Download PDF");
  pdf.addEventListener("click", async () =>
    saveBlob(await orgApi.getStudentReportPdf(org, studentId, interviewId), `mockline-report-${interviewId}.pdf`),
  );
  const list = (title, findings) =>
    findings.length ? [el("h4", {}, title), el("ul", {}, ...findings.map((f) => el("li", {}, `${f.label}: ${f.summary}`)))] : [];
  byId("student-report").replaceChildren(
    el(
      "article",
      { className: "org-report", "aria-label": `Report: ${label}` },
      el("h3", {}, `${label}: ${score(report.overall)} / 10`),
      el("p", {}, report.verdict ?? ""),
      dataTable("Scores by dimension", ["Dimension", "Score"], dims.map((d) => [d.label, score(d.score)])),
      ...list("Strengths", report.strengths ?? []),
      ...list("Weaknesses", report.weaknesses ?? []),
      el("h4", {}, "Improvements"),
      el("ol", {}, ...(report.improvements ?? []).map((t) => el("li", {}, String(t)))),
      el("p", {}, pdf),
    ),
  );
}

export async function exportCsv(org) {
  saveBlob(await orgApi.getCohortCsv(org), "mockline-cohort.csv");
}
