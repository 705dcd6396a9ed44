/**
 * The placement cell's page (`/org`): for an organisation's admins, the cohort
 * (org_cohort.js), practice sets (org_sets.js), embedding settings (allowed origins, server
 * key rotation shown once, admins and invitations, the embed code) and the audit log.
 *
 * An invitation arrives as `/org#invite=…`: once the person is signed in (account menu) it
 * is accepted and they become an admin. `main[data-state]`: loading, ready, signed-out,
 * not-admin or error.
 */

import { mountAccountMenu } from "./account_menu.js";
import { byId, el, setAlert } from "./dom.js";
import { formatDate } from "./format.js";
import * as orgApi from "./org_api.js";
import { exportCsv, renderCohort } from "./org_cohort.js";
import { fillSetForm, renderSets, setFormBody } from "./org_sets.js";
import * as session from "./session.js";

const showError = (message) => setAlert(byId("error"), message);
const main = byId("main");
let org = null;

function takeInvitation() {
  const invitation = new URLSearchParams(window.location.hash.slice(1)).get("invite");
  if (invitation) history.replaceState(null, "", window.location.pathname);
  return invitation;
}
let pendingInvitation = takeInvitation();

function signedOut(text) {
  main.dataset.state = "signed-out";
  byId("org-status").textContent = "";
  const notice = byId("org-signin");
  notice.replaceChildren(el("p", {}, text));
  notice.hidden = false;
}

async function load() {
  setAlert(byId("error"), "");
  const status = session.status();
  if (status !== "member") {
    signedOut(pendingInvitation
      ? "Sign in or create an account (top right) to accept your invitation."
      : "Sign in (top right) with the account your organisation made an admin.");
    return;
  }
  try {
    if (pendingInvitation) {
      const invitation = pendingInvitation;
      pendingInvitation = null;
      await orgApi.acceptInvitation(invitation);
    }
    const [mine] = await orgApi.myOrgs();
    if (!mine) {
      main.dataset.state = "not-admin";
      signedOut("This account is not an admin of any organisation. Ask an admin for an invitation.");
      return;
    }
    org = mine.id;
    byId("org-signin").hidden = true;
    byId("org-title").textContent = `${mine.name}: placement cell`;
    byId("org-status").textContent = `${mine.interviews_today} of ${mine.daily_interview_quota} practice interviews used today.`;
    await Promise.all([refresh(), renderSettings(mine)]);
    main.dataset.state = "ready";
  } catch (error) {
    main.dataset.state = "error";
    showError(error.message);
  }
}

async function refresh() {
  const [cohort, sets] = await Promise.all([orgApi.getCohort(org), orgApi.listSets(org), renderAudit()]);
  renderCohort(org, cohort, showError, () => renderAudit().catch((e) => showError(e.message)));
  renderSets(org, sets, cohort.sets, () => refresh().catch((e) => showError(e.message)), showError);
}

/** The audit log, newest first: loaded with the page and again after each report opened. */
async function renderAudit() {
  const audit = await orgApi.getAudit(org);
  byId("audit-list").replaceChildren(
    ...audit.map((a) =>
      el("li", { className: "item-row" }, el("div", { className: "item-main" },
        el("p", { className: "item-title" }, `${a.admin_email ?? "A former admin"} opened a report`),
        el("p", { className: "item-meta" }, `${formatDate(a.at)} · student ${a.student_id ?? "deleted"} · interview ${a.interview_id ?? ""}`))),
    ),
  );
  byId("audit").hidden = false;
}

async function renderSettings(mine) {
  byId("origins").value = mine.allowed_origins.join("\n");
  byId("key-info").textContent = mine.server_key
    ? `Server key in use: ${mine.server_key.prefix}… (made ${formatDate(mine.server_key.created_at)}).`
    : "No server key yet.";
  const admins = await orgApi.listAdmins(org);
  byId("admin-list").replaceChildren(
    ...admins.map((a) => el("li", { className: "item-row" }, el("div", { className: "item-main" }, el("p", { className: "item-title" }, a.email ?? a.id)))),
  );
  const base = window.location.origin;
  byId("snippet").textContent =
    `<script src="${base}/widget.js" async></script>\n` +
    `<mockline-interview org="${org}" token-endpoint="/api/mockline-token"></mockline-interview>\n\n` +
    `<!-- or, without scripts: -->\n<iframe src="${base}/embed/${org}#token=EMBED_TOKEN" allow="microphone" width="400" height="620"></iframe>`;
  byId("settings").hidden = false;
}

function wire() {
  byId("csv").addEventListener("click", () => exportCsv(org).catch((e) => showError(e.message)));
  byId("origins-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const origins = byId("origins").value.split(/\s+/).filter(Boolean);
    try {
      await renderSettings(await orgApi.setOrigins(org, origins));
    } catch (error) {
      showError(error.message);
    }
  });
  byId("rotate").addEventListener("click", async () => {
    try {
      const key = await orgApi.rotateKey(org);
      const shown = byId("key-shown");
      shown.replaceChildren(el("p", {}, "Your new server key (shown only now; the old one no longer works):"), el("code", {}, key.server_key));
      shown.hidden = false;
      byId("key-info").textContent = `Server key in use: ${key.prefix}… (made ${formatDate(key.created_at)}).`;
    } catch (error) {
      showError(error.message);
    }
  });
  byId("invite").addEventListener("click", async () => {
    try {
      const invitation = await orgApi.invite(org);
      const shown = byId("invite-shown");
      shown.replaceChildren(el("p", {}, `Send this link to the new admin (valid until ${formatDate(invitation.expires_at)}):`), el("code", {}, invitation.url));
      shown.hidden = false;
    } catch (error) {
      showError(error.message);
    }
  });
  byId("set-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await orgApi.createSet(org, setFormBody());
      byId("set-form").reset();
      await refresh();
    } catch (error) {
      showError(error.message);
    }
  });
}

mountAccountMenu(byId("account-menu"), { onError: showError });
wire();
fillSetForm().catch((error) => showError(error.message));
session.onViewerChange(load);
session.restore();
