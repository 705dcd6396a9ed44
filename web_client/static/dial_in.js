// "Call in by phone" on the interview page: asks for the number and a fresh PIN
// (POST /api/interviews/{id}/dial-in) and shows them. Hidden for finished interviews and
// when the server has no dial-in (409 dial_in_unavailable). Once a PIN is shown the page
// follows the call (live_feed.js): its state and live captions; the transcript is shown
// again when the line drops, and the whole page when the interview ends.
import { authorized } from "./session.js";
import { byId, el } from "./dom.js";
import { Captions } from "./captions.js";
import { followLive, isFinal } from "./live_feed.js";

const dialIn = (id) => authorized("POST", `/api/interviews/${encodeURIComponent(id)}/dial-in`);

const STATUS = {
  waiting: "Waiting for your call. What you and the interviewer say will show here.",
  calling: "On the phone.",
  dropped: "The call ended. Call again with the same PIN to go on where you were.",
  finished: "The interview has ended.",
};

/** @type {AbortController|null} */
let following = null;

/** Stops following a call (the page shows another interview, or another viewer). */
export function stopFollowing() {
  following?.abort();
  following = null;
  byId("phone-call").hidden = true;
}

/**
 * @param {{id: string, status: string}} interview
 * @param {{onFinished?: () => void, onDropped?: () => void}} [on]  the interview ended during
 *   the call (reload what the page shows), or the line dropped (show what was said)
 */
export function mountDialIn(interview, { onFinished = () => {}, onDropped = () => {} } = {}) {
  stopFollowing();
  const row = byId("dial-in-row");
  const finished = interview.status === "completed" || interview.status === "failed";
  row.hidden = finished;
  if (finished) return;
  const button = el("button", { className: "button button-secondary button-small", type: "button" }, "Call in by phone");
  const shown = el("span", { id: "dial-in-details", className: "muted" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const d = await dialIn(interview.id);
      const minutes = Math.round(d.expires_in / 60);
      shown.textContent = `Call ${d.number || d.sip_uri} and type PIN ${d.pin} then # (valid ${minutes} min).`;
      if (!following) follow(interview.id, onFinished, onDropped);
    } catch (error) {
      shown.textContent = error.status === 409 ? "Calling in by phone is not available here." : error.message;
    } finally {
      button.disabled = false;
    }
  });
  row.replaceChildren(button, " ", shown);
}

function follow(interviewId, onFinished, onDropped) {
  const controller = new AbortController();
  following = controller;
  const panel = byId("phone-call");
  const status = byId("phone-call-status");
  const captions = new Captions(byId("phone-captions"));
  captions.clear();
  status.textContent = STATUS.waiting;
  panel.hidden = false;
  followLive(
    interviewId,
    (message) => {
      if (message.type === "watching") status.textContent = message.calling ? STATUS.calling : STATUS.waiting;
      else if (message.type === "transcript") {
        status.textContent = STATUS.calling;
        captions.add(message);
      } else if (message.type === "ended") {
        status.textContent = isFinal(message) ? STATUS.finished : STATUS.dropped;
        if (isFinal(message)) onFinished();
        else onDropped();
      } else if (message.type === "unavailable") status.textContent = STATUS.finished;
    },
    controller.signal,
  );
}
