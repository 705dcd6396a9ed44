/**
 * The sections of a feedback report (GET /api/interviews/{id}/report), built as DOM.
 *
 * Scores by dimension (a bar chart and a list), strengths and weaknesses with their quotes,
 * the three improvements, sample answers (labelled as samples, never as the candidate's
 * words), every answer with the words its scores quote highlighted, and the transcript.
 * Text from the server only ever becomes text nodes.
 */

import { SERIES_COLOURS, baseOptions, clearCharts, dataTable, mountChart } from "./charts.js";
import { el } from "./dom.js";
import { highlightedAnswer } from "./evidence.js";
import { dimensionLabel, flagText, scoreOutOfTen, scoreText } from "./feedback_text.js";
import { renderTurns } from "./transcript.js";

const isScore = (value) => typeof value === "number" && Number.isFinite(value);

function card(id, title, ...children) {
  return el(
    "section",
    { id, className: "card report-section", "aria-labelledby": `${id}-title` },
    el("h2", { id: `${id}-title` }, title),
    ...children,
  );
}

/** A long axis label as two lines, so narrow screens do not clip it. */
function wrapped(label) {
  const cut = label.indexOf(" ", Math.floor(label.length / 2) - 2);
  return label.length > 14 && cut > 0 ? [label.slice(0, cut), label.slice(cut + 1)] : label;
}

function drawDimensionChart(holder, dimensions) {
  const labels = dimensions.map((d) => dimensionLabel(d.dimension, d.label));
  const scores = dimensions.map((d) => (isScore(d.score) ? d.score : null));
  const options = baseOptions("x");
  options.indexAxis = "y";
  options.plugins.legend = { display: false };
  options.plugins.tooltip = { callbacks: { label: (item) => `Score: ${scoreText(item.raw)}` } };
  options.scales.y = { ticks: { color: "#1b2330" }, grid: { display: false } };
  const rows = labels.map((label, i) => [label, scoreText(scores[i])]);
  mountChart(holder, {
    id: "dimension-chart",
    title: "Scores by dimension, out of 10",
    summary: rows.map(([label, score]) => `${label}: ${score}`).join(", "),
    table: dataTable("Scores by dimension", ["Dimension", "Score out of 10"], rows),
    config: {
      type: "bar",
      data: {
        labels: labels.map(wrapped),
        datasets: [
          {
            label: "Score out of 10",
            data: scores,
            backgroundColor: dimensions.map((d) => SERIES_COLOURS[d.dimension] ?? SERIES_COLOURS.overall),
            borderRadius: 6,
          },
        ],
      },
      options,
    },
  });
}

function dimensionsSection(dimensions) {
  const items = dimensions.map((d) =>
    el(
      "li",
      { dataset: { dimension: d.dimension, measured: String(isScore(d.score)) } },
      el("span", { className: "score-name" }, dimensionLabel(d.dimension, d.label)),
      el("span", { className: "score-value" }, isScore(d.score) ? scoreOutOfTen(d.score) : "not measured"),
    ),
  );
  const holder = el("div", { className: "chart-holder" });
  const section = card("dimensions", "Scores by dimension", holder, el("ul", { id: "dimension-list", className: "score-list" }, ...items));
  const unmeasured = dimensions.filter((d) => !isScore(d.score)).map((d) => dimensionLabel(d.dimension, d.label));
  if (unmeasured.length) {
    const note = `Not measured in this interview: ${unmeasured.join(", ")}. Delivery is measured on voice calls only.`;
    section.append(el("p", { className: "muted" }, note));
  }
  return { section, draw: () => drawDimensionChart(holder, dimensions) };
}

function findingItem(finding, anchors, answers) {
  const label = dimensionLabel(finding.dimension, finding.label);
  const item = el(
    "li",
    { className: "finding", dataset: { dimension: finding.dimension } },
    el("p", { className: "finding-head" }, el("strong", {}, label), ` · ${scoreOutOfTen(finding.score)}`),
    el("p", {}, finding.summary ?? ""),
  );
  const quotes = (finding.evidence ?? []).filter((span) => span?.text);
  if (quotes.length) {
    item.append(el("ul", { className: "quote-list" }, ...quotes.map((span) => el("li", {}, el("q", {}, span.text)))));
  }
  const anchor = anchors.get(finding.question_id);
  if (anchor) {
    const question = answers.find((a) => a.question_id === finding.question_id)?.question ?? "";
    item.append(el("p", { className: "muted finding-source" }, "From your answer to ", el("a", { href: `#${anchor}` }, `“${question}”`)));
  }
  return item;
}

function findingsSection(report, anchors) {
  const answers = report.answers ?? [];
  const list = (id, findings, empty) =>
    findings.length
      ? el("ul", { id, className: "finding-list" }, ...findings.map((f) => findingItem(f, anchors, answers)))
      : el("p", { id, className: "muted" }, empty);
  return card(
    "findings",
    "Strengths and weaknesses",
    el("h3", {}, "Strengths"),
    list("strengths", report.strengths ?? [], "No dimension scored high enough to count as a strength this time."),
    el("h3", {}, "Weaknesses"),
    list("weaknesses", report.weaknesses ?? [], "No dimension scored low enough to count as a weakness."),
  );
}

function improvementsSection(improvements) {
  return card(
    "improvements",
    "Three things to work on",
    el("ol", { id: "improvement-list", className: "improvement-list" }, ...improvements.map((text) => el("li", {}, text))),
  );
}

const humanizeLabel = (label) => label.charAt(0).toUpperCase() + label.slice(1);

function samplesSection(samples) {
  const intro = el(
    "p",
    { className: "muted" },
    "Written by Mockline to show what a stronger answer could cover. They are samples, not your words: use them for ideas, not to recite.",
  );
  const items = samples.map((sample, index) =>
    el(
      "article",
      { className: "sample", "aria-labelledby": `sample-${index + 1}-title` },
      el("h3", { id: `sample-${index + 1}-title` }, el("span", { className: "sample-badge" }, "Sample"), ` ${sample.question}`),
      sample.label ? el("p", { className: "muted sample-label" }, humanizeLabel(sample.label)) : null,
      el("p", { className: "sample-text" }, sample.text),
    ),
  );
  return card("samples", "Sample answers", intro, ...(items.length ? items : [el("p", {}, "No sample answers for this interview.")]));
}

function scoreRow(score) {
  const label = dimensionLabel(score.dimension, score.label);
  const row = el(
    "li",
    { dataset: { dimension: score.dimension } },
    el("p", { className: "finding-head" }, el("strong", {}, label), ` · ${isScore(score.score) ? scoreOutOfTen(score.score) : "not measured"}`),
  );
  if (score.rationale) row.append(el("p", {}, score.rationale));
  const gaps = (score.gaps ?? []).filter(Boolean);
  if (gaps.length) row.append(el("p", { className: "muted" }, `Missing: ${gaps.join("; ")}`));
  return row;
}

function answerArticle(answer, anchor, number) {
  const scores = answer.scores ?? [];
  const groups = scores.map((s) => ({ dimension: s.dimension, label: dimensionLabel(s.dimension, s.label), spans: s.evidence }));
  const text = el("p", { className: "answer-text" }, ...highlightedAnswer(answer.answer ?? "", groups));
  const article = el(
    "article",
    { id: anchor, className: "answer", tabIndex: -1, dataset: { questionId: answer.question_id }, "aria-labelledby": `${anchor}-title` },
    el("h3", { id: `${anchor}-title` }, `Question ${number}: ${answer.question}`),
    el("p", { className: "answer-score" }, `This answer: ${scoreOutOfTen(answer.overall)}`),
    el("p", { className: "answer-label" }, "What you said"),
    text,
  );
  for (const flag of answer.flags ?? []) article.append(el("p", { className: "notice answer-flag" }, flagText(flag)));
  article.append(el("ul", { className: "answer-scores" }, ...scores.map(scoreRow)));
  return article;
}

function answersSection(answers, anchors) {
  const intro = el("p", { className: "muted" }, "Highlighted words are the quotes from your answer that the scores rest on.");
  const items = answers.map((answer, index) => answerArticle(answer, anchors.get(answer.question_id), index + 1));
  return card("answers", "Your answers, scored", intro, ...(items.length ? items : [el("p", {}, "No answers were scored.")]));
}

function transcriptSection(transcript) {
  const list = el("ol", { id: "report-transcript", className: "transcript", "aria-labelledby": "transcript-title" });
  renderTurns(list, transcript, { candidateLabel: "You" });
  const details = el("details", { className: "transcript-details" }, el("summary", {}, `Show all ${transcript.length} turns`), list);
  return card("transcript", "Transcript", details);
}

/**
 * Replaces the contents of `container` with the report's sections and draws its chart.
 * @param {HTMLElement} container
 * @param {object} report  the ReportOut body
 */
export function renderReport(container, report) {
  const answers = report.answers ?? [];
  const anchors = new Map(answers.map((a, index) => [a.question_id, `answer-${index + 1}`]));
  const dimensions = dimensionsSection(report.dimensions ?? []);
  clearCharts(container);
  container.replaceChildren(
    dimensions.section,
    findingsSection(report, anchors),
    improvementsSection(report.improvements ?? []),
    samplesSection(report.samples ?? []),
    answersSection(answers, anchors),
    transcriptSection(report.transcript ?? []),
  );
  dimensions.draw();
}
