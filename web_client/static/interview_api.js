/**
 * The API calls of the setup and typed-interview flows (docs/INTERVIEWER.md, "Persistence
 * and text mode"): resume upload and its profile, opening an interview as text, sending a
 * typed answer. api.js keeps the older calls; both go through session.js.
 *
 * The upload is the one multipart request of the page; http.js `send` speaks JSON only, so
 * it is sent here, with the same Bearer header and refresh-once-on-401 rule.
 */

import { ApiError, discard, read } from "./http.js";
import { authHeaders, authorized, ensureSession, refresh } from "./session.js";

const interviewPath = (id) => `/api/interviews/${encodeURIComponent(id)}`;

const UNREACHABLE_TEXT =
  "Could not reach the Mockline server. Check that it is running and that you are online, then try again.";

/**
 * @typedef {{reply: string, finished: boolean, question_index: number,
 *            question_count: number}} InterviewerReply
 */

async function postFile(path, file) {
  const body = new FormData();
  body.append("file", file, file.name);
  try {
    return await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", ...authHeaders() },
      body,
    });
  } catch {
    throw new ApiError(UNREACHABLE_TEXT);
  }
}

/**
 * Uploads a resume as the signed-in user (a new guest when nobody is).
 * @param {File} file
 * @returns {Promise<{id: string, filename: string, kind: string|null, pages: number|null}>}
 */
export async function uploadResume(file) {
  await ensureSession();
  let response = await postFile("/api/resumes", file);
  if (response.status === 401 && (await refresh().catch(() => false))) {
    await discard(response);
    response = await postFile("/api/resumes", file);
  }
  return read(response);
}

/** The CandidateProfile the server reads from a stored resume. */
export const getResumeProfile = (id) => authorized("GET", `/api/resumes/${encodeURIComponent(id)}/profile`);

/** @returns {Promise<InterviewerReply>} the opening, or a "welcome back" with the current question */
export const openInterview = (id) => authorized("POST", `${interviewPath(id)}/open`);

/** @returns {Promise<InterviewerReply>} */
export const sendMessage = (id, text) => authorized("POST", `${interviewPath(id)}/messages`, { body: { text } });
