/**
 * Candidate page controller: setup -> an interview by voice or by typing, switching between
 * the two mid-interview -> transcript, plus "My interviews".
 *
 * Decides which card shows and what follows what; the parts own their behaviour:
 * setup_form.js (length, persona, job description), profile_editor.js (resume and profile),
 * voice_call.js (one call), text_chat.js (the typed conversation), page_state.js (views and
 * the test hook `window.mockline`).
 */

import { mountAccountMenu } from "./account_menu.js";
import * as api from "./api.js";
import { byId } from "./dom.js";
import { InterviewList } from "./interview_list.js";
import { hooks, resetCallHooks, resetHooks, setState, showView } from "./page_state.js";
import { ProfileEditor } from "./profile_editor.js";
import { ensureSession, restore } from "./session.js";
import { SetupForm } from "./setup_form.js";
import { TextChat } from "./text_chat.js";
import { renderTurns } from "./transcript.js";
import * as ui from "./ui.js";
import { VoiceCalls } from "./voice_call.js";

const form = new SetupForm();
const profile = new ProfileEditor({ onBusy: (reason) => form.block(reason) });
const interviewList = new InterviewList();
const continueText = byId("continue-text");
/** Where a call that fails to start goes back to: the setup form, or the typed chat. */
let callOrigin = "setup";

const voice = new VoiceCalls({
  onProgress: (text) => {
    if (callOrigin === "setup") form.setBusy(true, text);
    else chat.status.textContent = text;
  },
  onAborted: (id, message) => (callOrigin === "chat" ? backToChat(message) : backToSetup(id, message)),
  onFinished: (id, failed) => showFinished(id, { failed, withCall: true }),
  onSwitchedToText: (id) => beginChat(id, { history: true }),
});

const chat = new TextChat({
  onFinished: (id) => showFinished(id, { failed: false, withCall: false }),
  onSwitchToVoice: (id) => {
    ui.clearError();
    callOrigin = "chat";
    chat.stop();
    voice.start({ interviewId: id });
  },
});

/** The body of POST /api/interviews, or null (with the problem shown) when it is not ready. */
function readSetup() {
  ui.clearError();
  const problem = form.validate() || profile.validate();
  if (problem) {
    form.setBusy(false, `Check the form: ${problem}`);
    return null;
  }
  return { ...form.read(), ...profile.value() };
}

const starting = () => voice.active !== null || hooks.state === "starting";

function startVoice() {
  if (starting()) return;
  const body = readSetup();
  if (!body) return;
  resetHooks();
  callOrigin = "setup";
  voice.start({ createBody: body });
}

async function startText() {
  if (starting()) return;
  const body = readSetup();
  if (!body) return;
  resetHooks();
  hooks.mode = "text";
  setState("starting");
  form.setBusy(true, "Creating your interview…");
  let interview;
  try {
    await ensureSession();
    interview = await api.createInterview(body);
  } catch (error) {
    backToSetup(null, `The interview could not be started: ${error.message}`);
    return;
  }
  form.setBusy(false);
  await beginChat(interview.id, { history: false });
}

/** Shows the typed chat for interview `id`: new, after a call, or after a failed one. */
async function beginChat(id, { history }) {
  hooks.mode = "text";
  hooks.interviewId = id;
  setState("starting");
  continueText.hidden = true;
  showView("chat");
  try {
    await chat.begin(id, { history });
    if (!chat.over) setState("in-chat");
  } catch (error) {
    const finished = error.code === "interview_finished";
    if (!finished) ui.showError(`The typed interview could not be opened: ${error.message}`);
    await showFinished(id, { failed: !finished, withCall: false });
  }
}

function backToSetup(id, message) {
  showView("setup");
  form.setBusy(false);
  ui.showError(message);
  if (id) interviewList.reload();
  setState("error");
}

/** A call started from the chat never connected: keep typing. */
function backToChat(message) {
  hooks.mode = "text";
  showView("chat");
  chat.resume();
  chat.showError(message);
  setState("in-chat");
}

/** The interview is over (or could not go on): its transcript, its link, and what next. */
async function showFinished(id, { failed, withCall }) {
  form.setBusy(false);
  ui.showInterviewLink(id);
  showView("result", { withCall });
  const title = byId("result-title");
  title.tabIndex = -1;
  title.focus();
  // A dropped call leaves the interview active: it can go on by typing.
  continueText.hidden = !failed;
  await showTranscript(id);
  interviewList.reload();
  setState(failed ? "error" : "ended");
}

async function showTranscript(id) {
  const status = ui.elements.transcriptStatus;
  status.textContent = "Loading the transcript…";
  ui.elements.transcript.replaceChildren();
  try {
    const interview = await api.getInterview(id);
    const turns = interview.turns ?? [];
    renderTurns(ui.elements.transcript, turns);
    status.textContent = turns.length ? "" : "No turns were recorded in this interview.";
  } catch (error) {
    status.textContent = `The transcript could not be loaded: ${error.message}`;
  }
}

async function loadOptions() {
  try {
    const options = await api.getOptions();
    form.fill(options);
    interviewList.setOptions(options);
    voice.iceServers = Array.isArray(options.ice_servers) ? options.ice_servers : [];
    form.setBusy(false);
  } catch (error) {
    form.setBusy(false);
    ui.showError(`Interview options could not be loaded: ${error.message} Reload the page to try again.`);
    setState("error");
  }
}

ui.elements.form.addEventListener("submit", (event) => {
  event.preventDefault();
  startVoice();
});
byId("start-text").addEventListener("click", () => startText());
ui.elements.mute.addEventListener("click", () => voice.toggleMute());
ui.elements.endCall.addEventListener("click", () => voice.end());
byId("switch-to-text").addEventListener("click", () => voice.switchToText());

continueText.addEventListener("click", () => {
  if (!hooks.interviewId || starting()) return;
  ui.clearError();
  resetCallHooks();
  beginChat(hooks.interviewId, { history: true });
});

ui.elements.newInterview.addEventListener("click", () => {
  ui.clearError();
  voice.captions.clear();
  showView("setup");
  setState("idle");
  ui.elements.startCall.focus();
});

window.addEventListener("pagehide", () => voice.pageHide());

setState("idle");
mountAccountMenu(byId("account-menu"), { onError: ui.showError });
restore();
loadOptions();
