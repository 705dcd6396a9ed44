/**
 * The feedback API as functions (docs/INTERVIEWER.md, "Feedback"): an interview's report,
 * its PDF, and the signed-in user's progress over time. All go through session.authorized.
 */

import { authorized } from "./session.js";

const reportPath = (id) => `/api/interviews/${encodeURIComponent(id)}/report`;

/** The report of a completed interview; ApiError 409 `interview_not_finished` before that. */
export const getReport = (id) => authorized("GET", reportPath(id));

/** The address of the report as PDF (it needs the Bearer header: fetch it with getReportPdf). */
export const reportPdfPath = (id) => `${reportPath(id)}.pdf`;

/** @returns {Promise<Blob>} application/pdf */
export const getReportPdf = (id) => authorized("GET", reportPdfPath(id), { expect: "blob" });

/** `{points: [...] oldest first, weakest: {dimension, label, mean, scores}|null}` */
export const getProgress = () => authorized("GET", "/api/me/progress");
