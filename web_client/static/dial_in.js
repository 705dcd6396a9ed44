// "Call in by phone" on the interview page: asks for the number and a fresh PIN
// (POST /api/interviews/{id}/dial-in) and shows them. Hidden for finished interviews and
// when the server has no dial-in (409 dial_in_unavailable).
import { authorized } from "./session.js";
import { byId, el } from "./dom.js";

const dialIn = (id) => authorized("POST", `/api/interviews/${encodeURIComponent(id)}/dial-in`);

export function mountDialIn(interview) {
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
    } catch (error) {
      shown.textContent = error.status === 409 ? "Calling in by phone is not available here." : error.message;
    } finally {
      button.disabled = false;
    }
  });
  row.replaceChildren(button, " ", shown);
}
