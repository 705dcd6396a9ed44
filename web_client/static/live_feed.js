/**
 * Follows `GET /api/interviews/{id}/live`: the server-sent events of the interview's call
 * while the candidate is on another line (a phone). Each `data:` line is one JSON message,
 * the same ones a page's own call gets (`watching`, `transcript`, `state`, `ended`).
 *
 * A stream that drops is opened again after a pause; a dropped phone line is not the end (the
 * candidate may call again). It stops for good on an `ended` message that finishes the
 * interview, on a 404/409 (gone, or finished), or when `signal` aborts.
 */

import { authorized } from "./session.js";

const RETRY_MS = 3000;
const FINAL_REASONS = new Set(["completed", "candidate_ended", "failed"]);

/** The interview is over: nothing more will come. */
export const isFinal = (m) => m.type === "ended" && FINAL_REASONS.has(m.reason);

/**
 * @param {string} interviewId
 * @param {(message: Record<string, unknown>) => void} onMessage
 * @param {AbortSignal} signal
 */
export async function followLive(interviewId, onMessage, signal) {
  const path = `/api/interviews/${encodeURIComponent(interviewId)}/live`;
  while (!signal.aborted) {
    try {
      const response = await authorized("GET", path, { expect: "response" });
      if (await readEvents(response, onMessage, signal)) return;
    } catch (error) {
      if (error?.status === 404 || error?.status === 409) {
        onMessage({ type: "unavailable", status: error.status });
        return;
      }
    }
    await pause(RETRY_MS, signal);
  }
}

/** Reads one stream; true when it ended the interview. */
async function readEvents(response, onMessage, signal) {
  const reader = response.body.getReader();
  const stop = () => reader.cancel().catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  const decoder = new TextDecoder();
  let buffered = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffered += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffered.indexOf("\n\n")) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        for (const line of block.split("\n")) {
          if (!line.startsWith("data: ")) continue;
          let message;
          try {
            message = JSON.parse(line.slice(6));
          } catch {
            continue;
          }
          onMessage(message);
          if (isFinal(message)) return true;
        }
      }
    }
  } catch {
    return false;
  } finally {
    signal.removeEventListener("abort", stop);
  }
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
