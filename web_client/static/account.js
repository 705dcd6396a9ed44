/**
 * Account page (`/account`): who you are, privacy settings, your own LLM keys
 * (account_keys.js), exporting your data, and deleting the account.
 *
 * Every section but the summary needs a session; without one the page offers to sign in.
 * Settings are read fresh from GET /api/me rather than from the session's copy.
 */

import { mountAccountMenu, openAuthDialog } from "./account_menu.js";
import { KeysSection } from "./account_keys.js";
import { deleteAccount, exportData, getMe, updateSettings } from "./api.js";
import { byId, setAlert } from "./dom.js";
import { formatDate } from "./format.js";
import * as session from "./session.js";

const CONFIRM_WORD = "DELETE";
/** Offered when someone switches from "until I delete" to a number of days. */
const DEFAULT_RETENTION_DAYS = 90;

const showError = (message) => setAlert(byId("error"), message);
const keys = new KeysSection();

function showSections(signedIn) {
  for (const section of document.querySelectorAll(".needs-session")) section.hidden = !signedIn;
  byId("account-signed-out").hidden = signedIn;
}

function renderSummary(user) {
  byId("account-email").textContent = user.is_guest ? "Guest (no email yet)" : user.email;
  byId("account-created").textContent = formatDate(user.created_at, { time: false });
  byId("account-details").hidden = false;
  byId("account-guest").hidden = !user.is_guest;
}

function renderPrivacy(user) {
  byId("store-audio").checked = Boolean(user.store_audio);
  const days = user.transcript_retention_days;
  byId("retention-forever").checked = days === null || days === undefined;
  byId("retention-limited").checked = !byId("retention-forever").checked;
  byId("retention-days").value = String(days ?? DEFAULT_RETENTION_DAYS);
  syncRetentionDays();
}

function syncRetentionDays() {
  byId("retention-days").disabled = !byId("retention-limited").checked;
}

/** @returns {{store_audio: boolean, transcript_retention_days: number|null}|string} settings, or a problem */
function readPrivacy() {
  const store_audio = byId("store-audio").checked;
  if (!byId("retention-limited").checked) return { store_audio, transcript_retention_days: null };
  const days = Number(byId("retention-days").value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    return "Enter a whole number of days from 1 to 3650, or choose to keep transcripts until you delete them.";
  }
  return { store_audio, transcript_retention_days: days };
}

async function savePrivacy(event) {
  event.preventDefault();
  const settings = readPrivacy();
  const status = byId("privacy-status");
  setAlert(byId("privacy-error"), typeof settings === "string" ? settings : "");
  status.textContent = "";
  if (typeof settings === "string") {
    byId("retention-days").focus();
    return;
  }
  const button = byId("save-privacy");
  button.disabled = true;
  try {
    const user = await updateSettings(settings);
    session.updateUser(user);
    renderPrivacy(user);
    status.textContent = "Saved.";
  } catch (error) {
    setAlert(byId("privacy-error"), `Your settings were not saved: ${error.message}`);
  } finally {
    button.disabled = false;
  }
}

async function downloadExport() {
  const button = byId("export-data");
  const status = byId("export-status");
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  status.textContent = "Preparing your export…";
  try {
    const zip = await exportData();
    const url = URL.createObjectURL(zip);
    const link = document.createElement("a");
    link.href = url;
    link.download = `mockline-export-${new Date().toISOString().slice(0, 10)}.zip`;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the URL by now; keep it briefly for slow browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = "Your export has been downloaded.";
  } catch (error) {
    status.textContent = `The export failed: ${error.message}`;
  } finally {
    button.disabled = false;
    button.setAttribute("aria-busy", "false");
  }
}

async function removeAccount(event) {
  event.preventDefault();
  if (byId("delete-confirm").value.trim() !== CONFIRM_WORD) return;
  const button = byId("delete-account");
  button.disabled = true;
  setAlert(byId("delete-error"), "");
  try {
    await deleteAccount();
  } catch (error) {
    setAlert(byId("delete-error"), `Your account was not deleted: ${error.message}`);
    button.disabled = false;
    return;
  }
  // The account is gone; clearing the refresh cookie may fail, the session must not linger.
  await session.signOut().catch(() => session.forget());
  window.location.assign("/");
}

async function load() {
  const summary = byId("account-summary");
  summary.setAttribute("aria-busy", "true");
  showError("");
  try {
    const user = await getMe();
    renderSummary(user);
    renderPrivacy(user);
    showSections(true);
    await keys.reload();
  } catch (error) {
    if (error.status === 401) showSignedOut();
    else showError(`Your account could not be loaded: ${error.message}`);
  } finally {
    byId("account-loading")?.remove();
    summary.setAttribute("aria-busy", "false");
  }
}

function showSignedOut() {
  byId("account-details").hidden = true;
  byId("account-guest").hidden = true;
  showSections(false);
}

function main() {
  mountAccountMenu(byId("account-menu"), { onError: showError });
  byId("account-sign-in").addEventListener("click", () => openAuthDialog("signin"));
  byId("account-claim").addEventListener("click", () => openAuthDialog("claim"));
  byId("privacy-form").addEventListener("submit", savePrivacy);
  for (const radio of document.querySelectorAll("input[name=retention]")) {
    radio.addEventListener("change", syncRetentionDays);
  }
  byId("export-data").addEventListener("click", downloadExport);
  byId("delete-confirm").addEventListener("input", (event) => {
    byId("delete-account").disabled = event.target.value.trim() !== CONFIRM_WORD;
  });
  byId("delete-form").addEventListener("submit", removeAccount);
  // Without a session GET /api/me is a 401 and the page offers to sign in; an unreachable
  // server is reported as such instead.
  session.onChange((status) => {
    if (status !== "unknown") load();
  });
  session.restore();
}

main();
