/**
 * The report in the widget: waits for it after the interview ends, then shows the overall
 * score, one bar per dimension and the three improvements, with the full report as a PDF
 * download (fetched with the token, handed to the browser as a blob: no token in a URL).
 */

import { el } from "../static/dom.js";

const WAIT_TRIES = 30;
const WAIT_MS = 2000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The report, or null when the interview left nothing to evaluate. */
export async function waitForReport(client, id) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await client.report(id);
    } catch (error) {
      if (error.code === "report_unavailable") return null;
      if (error.code !== "interview_not_finished" || attempt >= WAIT_TRIES) throw error;
      await sleep(WAIT_MS);
    }
  }
}

function bar(value) {
  const fill = el("span", { className: "ml-bar-fill" });
  fill.style.width = `${Math.max(0, Math.min(10, value ?? 0)) * 10}%`;
  return fill;
}

const score = (value) => (typeof value === "number" ? value.toFixed(1) : "–");

/** @param {object} report  ReportOut  @param {object} labels  labels.js */
export function renderReport(report, labels, onDownload) {
  const dimensions = el(
    "ul",
    { className: "ml-dims" },
    ...report.dimensions.map((d) =>
      el(
        "li",
        { className: "ml-dim" },
        el("span", { className: "ml-dim-label" }, d.label),
        el(
          "span",
          { className: "ml-bar", role: "img", "aria-label": `${d.label}: ${score(d.score)} ${labels.outOf}` },
          bar(d.score),
        ),
        el("span", { className: "ml-dim-score" }, score(d.score)),
      ),
    ),
  );
  const improvements = (report.improvements ?? []).slice(0, 3).map((text) => el("li", {}, String(text)));
  const download = el("button", { type: "button", className: "ml-link" }, labels.download);
  download.addEventListener("click", onDownload);
  return el(
    "section",
    { className: "ml-report", "aria-label": labels.overall },
    el(
      "p",
      { className: "ml-overall" },
      el("strong", {}, score(report.overall)),
      el("span", {}, ` ${labels.outOf} · ${labels.overall}`),
    ),
    dimensions,
    improvements.length ? el("h4", {}, labels.improve) : null,
    improvements.length ? el("ol", { className: "ml-improve" }, ...improvements) : null,
    download,
  );
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
