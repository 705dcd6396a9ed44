/**
 * The "View feedback report" link on the transcript page (`/interviews/{id}`).
 *
 * interview.js owns loading the interview and writes its status to `#status[data-state]`;
 * this module only watches that attribute and shows the link while it reads "completed",
 * so the transcript page's loading stays in one place.
 */

import { byId } from "./dom.js";

function interviewIdFromPath(pathname) {
  const segments = pathname.split("/").filter(Boolean);
  return segments.length === 2 && segments[0] === "interviews" ? segments[1] : null;
}

function main() {
  const status = byId("status");
  const row = byId("report-link-row");
  const id = interviewIdFromPath(window.location.pathname);
  if (!status || !row || !id) return;
  // The segment is still URL-encoded, as the link needs it.
  byId("report-link").href = `/interviews/${id}/report`;
  const sync = () => {
    row.hidden = status.dataset.state !== "completed" || byId("details").hidden;
  };
  new MutationObserver(sync).observe(status, { attributes: true, attributeFilter: ["data-state"] });
  new MutationObserver(sync).observe(byId("details"), { attributes: true, attributeFilter: ["hidden"] });
  sync();
}

main();
