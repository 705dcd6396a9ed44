/**
 * Quoted evidence shown in the candidate's own answer: each quoted span becomes a <mark>.
 *
 * Spans come from the server as `{start, end, text}` with offsets in Unicode code points
 * (Python string indices), so they are applied to the answer's code points, not to
 * JavaScript's UTF-16 units. A span whose offsets do not quote its text (an answer edited
 * since, say) is looked up by its text instead; one that cannot be found is left out.
 * Everything is built as text nodes and elements: the answer is never parsed as markup.
 */

import { el } from "./dom.js";

/**
 * Where each quote lies in `chars` (the answer's code points), as [start, end) ranges.
 * @param {string[]} chars
 * @param {{start: number, end: number, text: string}} span
 * @returns {[number, number]|null}
 */
function locate(chars, span) {
  const text = typeof span?.text === "string" ? span.text : "";
  if (!text) return null;
  const { start, end } = span;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= chars.length && start < end) {
    if (chars.slice(start, end).join("") === text) return [start, end];
  }
  const answer = chars.join("");
  const at = answer.indexOf(text);
  if (at < 0) return null;
  const from = Array.from(answer.slice(0, at)).length;
  return [from, from + Array.from(text).length];
}

/**
 * Overlapping or touching quotes merged into one range, each carrying every label quoted.
 * @param {{range: [number, number], label: string}[]} quotes
 */
function merge(quotes) {
  const sorted = [...quotes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const merged = [];
  for (const { range, label } of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last.end) {
      last.end = Math.max(last.end, range[1]);
      last.labels.add(label);
    } else {
      merged.push({ start: range[0], end: range[1], labels: new Set([label]) });
    }
  }
  return merged;
}

/**
 * The answer as nodes: plain text with every quoted span wrapped in
 * `<mark class="evidence" data-dimensions="…" title="Quoted for: …">`.
 *
 * @param {string} answer
 * @param {{spans: {start: number, end: number, text: string}[], dimension: string, label: string}[]} groups
 *   one group per scored dimension, with the spans it quotes
 * @returns {(Node|string)[]}
 */
export function highlightedAnswer(answer, groups) {
  const chars = Array.from(answer ?? "");
  const quotes = [];
  for (const group of groups ?? []) {
    for (const span of group.spans ?? []) {
      const range = locate(chars, span);
      if (range) quotes.push({ range, label: group.label, dimension: group.dimension });
    }
  }
  const dimensionsByLabel = new Map(quotes.map((q) => [q.label, q.dimension]));
  const nodes = [];
  let at = 0;
  for (const { start, end, labels } of merge(quotes)) {
    if (start > at) nodes.push(chars.slice(at, start).join(""));
    const names = [...labels];
    nodes.push(
      el(
        "mark",
        {
          className: "evidence",
          title: `Quoted for: ${names.join(", ")}`,
          dataset: { dimensions: names.map((label) => dimensionsByLabel.get(label)).join(" ") },
        },
        chars.slice(start, end).join(""),
      ),
    );
    at = end;
  }
  if (at < chars.length) nodes.push(chars.slice(at).join(""));
  return nodes;
}
