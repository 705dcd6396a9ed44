/**
 * How feedback reads on a page: dimension names, scores, and the recommendation framed as
 * practice feedback (a rubric's reading of one practice interview, never a hiring decision).
 *
 * Shared by the report page and the history page. Labels sent by the server win; these are
 * the fallbacks and the fixed order of the dimensions.
 */

export const DIMENSIONS = ["relevance", "structure", "depth", "clarity", "delivery"];

const DIMENSION_LABELS = {
  relevance: "Relevance and correctness",
  structure: "Structure",
  depth: "Depth and specificity",
  clarity: "Communication clarity",
  delivery: "Delivery",
};

export const dimensionLabel = (dimension, label) => label || DIMENSION_LABELS[dimension] || String(dimension);

const RECOMMENDATIONS = {
  strong_yes: {
    title: "Interview-ready",
    text: "Answers like these would likely earn a strong yes in a real interview.",
  },
  yes: {
    title: "Nearly there",
    text: "Answers like these would likely get a yes; polish the points below.",
  },
  lean: {
    title: "Borderline",
    text: "Answers like these could go either way; the improvements below would tip it.",
  },
  no: {
    title: "Needs more practice",
    text: "Answers like these would likely not pass yet; work on the improvements below.",
  },
  strong_no: {
    title: "Needs much more practice",
    text: "Answers like these would not pass yet; start with the first improvement below.",
  },
};

/** `{title, text}` for a recommendation id, phrased as practice feedback. */
export const recommendationText = (id) =>
  RECOMMENDATIONS[id] ?? { title: String(id ?? "—"), text: "" };

export const PRACTICE_NOTE =
  "This is practice feedback on one mock interview, scored by a rubric, not a hiring decision.";

/** "6.5" for a number, "not measured" for null (a dimension with nothing to measure). */
export function scoreText(score) {
  return typeof score === "number" && Number.isFinite(score) ? score.toFixed(1) : "not measured";
}

/** "6.5 / 10", or "—" when there is no score. */
export function scoreOutOfTen(score) {
  return typeof score === "number" && Number.isFinite(score) ? `${score.toFixed(1)} / 10` : "—";
}

const SCORER_TEXT = {
  offline: "Scored by Mockline's built-in rubric.",
  llm: "Scored by Mockline's rubric with a language model as a second reader.",
};

export const scorerText = (scorer) => SCORER_TEXT[scorer] ?? "";

const FLAG_TEXT = {
  injection_ignored: "Part of this answer asked the interviewer to break its rules; that part was ignored.",
  empty_answer: "No answer was given to this question.",
};

export const flagText = (flag) => FLAG_TEXT[flag] ?? String(flag).replaceAll("_", " ");
