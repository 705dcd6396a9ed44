/**
 * Candidate page controller: setup form -> call -> transcript, plus "My interviews".
 *
 * Owns the life of one call (`CallSession`): a session to create it under (a guest one when
 * nobody is signed in, see session.js), microphone, interview creation, the peer (call.js),
 * metering (meter.js), captions, and ending exactly once whoever ends it (End call, a
 * server `ended` message, or the peer failing). Also owns the test hook
 * `window.mockline`:
 *   state: 'idle'|'starting'|'in-call'|'ended'|'error' ('ended'/'error' are set only
 *          after the transcript has been rendered),
 *   interviewId, callStartedAt (performance.now() when the peer first connected),
 *   audio: {maxLevel, events: [{t, kind: 'start'|'stop'}]} (remote audio, see meter.js),
 *   micAudio: the same for the microphone, on the same clock,
 *   messages: every data-channel message received, as {...message, t}.
 */

import { mountAccountMenu } from "./account_menu.js";
import * as api from "./api.js";
import { Call } from "./call.js";
import { Captions } from "./captions.js";
import { InterviewList } from "./interview_list.js";
import { LevelMeter, SpeechActivityMonitor } from "./meter.js";
import { openMicrophone } from "./microphone.js";
import { ensureSession, restore } from "./session.js";
import { renderTurns } from "./transcript.js";
import * as ui from "./ui.js";

/** `?raw=1`: tests feed a WAV through a fake microphone, which browser DSP would alter. */
const RAW_AUDIO = new URLSearchParams(window.location.search).get("raw") === "1";
/** ICE normally fails on its own, but a call must never sit in "connecting" forever. */
const CONNECT_TIMEOUT_MS = 20000;

const PEER_FAILED_TEXT =
  "The audio connection to the interviewer failed. A firewall, VPN or unstable network " +
  "may be blocking the call. Check your connection and start the call again.";
const CHANNEL_DROPPED_TEXT = "The connection to the interviewer closed unexpectedly.";

const hooks = {
  state: "idle",
  interviewId: null,
  audio: { maxLevel: 0, events: [] },
  micAudio: { maxLevel: 0, events: [] },
  messages: [],
  callStartedAt: null,
};
window.mockline = hooks;

const captions = new Captions(ui.elements.captions);
const interviewList = new InterviewList();
let iceServers = [];
/** @type {CallSession|null} the call in progress, if any */
let activeCall = null;

function setState(state) {
  hooks.state = state;
  document.body.dataset.callState = state;
}

class CallSession {
  /** @param {AudioContext} audioContext  created during the click, so it may play */
  constructor(audioContext) {
    this.audioContext = audioContext;
    this.id = null;
    /** @type {MediaStream|null} */ this.mic = null;
    /** @type {Call|null} */ this.call = null;
    this.remoteMonitor = null;
    this.micMonitor = null;
    this.connected = false;
    this.finished = false;
    this.muted = false;
    this.connectTimer = null;
    this.frame = 0;
  }

  setMuted(muted) {
    this.muted = muted;
    for (const track of this.mic?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  drawLevels = () => {
    ui.setLevels(this.remoteMonitor?.level ?? 0, this.micMonitor?.level ?? 0);
    this.frame = requestAnimationFrame(this.drawLevels);
  };

  /** Stops local media and metering; the peer is closed separately (after End is sent). */
  releaseMedia() {
    clearTimeout(this.connectTimer);
    cancelAnimationFrame(this.frame);
    ui.setLevels(0, 0);
    this.remoteMonitor?.close();
    this.micMonitor?.close();
    for (const track of this.mic?.getTracks() ?? []) track.stop();
    ui.elements.remoteAudio.srcObject = null;
  }

  close() {
    this.releaseMedia();
    this.call?.close();
    this.audioContext.close().catch(() => {});
  }
}

function handleMessage(current, message) {
  hooks.messages.push({ ...message, t: performance.now() });
  if (current.finished) return;
  if (message.type === "transcript") captions.add(message);
  else if (message.type === "state") ui.setActiveSpeaker(message);
  else if (message.type === "ended") finishCall(current, "server");
}

function handleRemoteStream(current, stream) {
  if (current.finished) return;
  const audioElement = ui.elements.remoteAudio;
  audioElement.srcObject = stream;
  audioElement.play().catch(() => {});
  if (current.remoteMonitor) return;
  current.remoteMonitor = new SpeechActivityMonitor(new LevelMeter(current.audioContext, stream), hooks.audio);
}

function handleConnectionState(current, state) {
  if (current.finished) return;
  if (state === "connected") {
    if (!current.connected) {
      current.connected = true;
      clearTimeout(current.connectTimer);
      hooks.callStartedAt = performance.now();
      setState("in-call");
    }
    ui.setConnectionState("connected");
  } else if (state === "disconnected") {
    ui.setConnectionState("reconnecting");
  } else if (state === "failed") {
    finishCall(current, "failed");
  } else if (state === "new" || state === "connecting") {
    ui.setConnectionState(current.connected ? "reconnecting" : "connecting");
  }
}

function resetHooks() {
  hooks.interviewId = null;
  hooks.audio = { maxLevel: 0, events: [] };
  hooks.micAudio = { maxLevel: 0, events: [] };
  hooks.messages = [];
  hooks.callStartedAt = null;
}

async function startCall() {
  if (activeCall) return;
  ui.clearError();
  resetHooks();
  setState("starting");
  ui.setStartBusy(true, "Opening your microphone…");
  const setup = ui.readSetupForm();
  const current = new CallSession(new AudioContext());
  activeCall = current;
  // Signed in, restored, or a new guest: practising never waits for a sign-up.
  const signedIn = ensureSession();
  signedIn.catch(() => {}); // awaited below; the microphone may fail first
  try {
    current.mic = await openMicrophone({ raw: RAW_AUDIO });
    const micMeter = new LevelMeter(current.audioContext, current.mic);
    current.micMonitor = new SpeechActivityMonitor(micMeter, hooks.micAudio);
    ui.setStartBusy(true, "Creating your interview…");
    await signedIn;
    const interview = await api.createInterview(setup);
    current.id = interview.id;
    hooks.interviewId = interview.id;
    if (current.finished) return;
    captions.clear();
    ui.resetCallCard();
    ui.showView("call");
    current.drawLevels();
    const call = await Call.connect({
      interviewId: current.id,
      micStream: current.mic,
      iceServers,
      handlers: {
        onMessage: (message) => handleMessage(current, message),
        onRemoteStream: (stream) => handleRemoteStream(current, stream),
        onConnectionState: (state) => handleConnectionState(current, state),
        onChannelClosed: () => finishCall(current, "dropped"),
      },
    });
    current.call = call;
    if (current.finished) {
      call.close();
      return;
    }
    if (!current.connected) {
      current.connectTimer = setTimeout(() => {
        if (!current.connected) finishCall(current, "failed");
      }, CONNECT_TIMEOUT_MS);
    }
  } catch (error) {
    if (current.finished) return; // ended by the person while starting
    const prefix = error instanceof api.ApiError ? "The interview could not be started: " : "";
    abortStart(current, prefix + error.message);
  }
}

/** A call that never connected: back to the form, with the reason. */
function abortStart(current, message) {
  current.finished = true;
  current.close();
  if (activeCall === current) activeCall = null;
  ui.showView("setup");
  ui.setStartBusy(false);
  ui.showError(message);
  if (current.id) interviewList.reload();
  setState("error");
}

/**
 * Ends `current` once. reason: 'user' (End call), 'server' (`ended` message),
 * 'failed' (peer failed or never connected), 'dropped' (data channel closed without `ended`).
 */
async function finishCall(current, reason) {
  if (current.finished) return;
  const failed = reason === "failed" || reason === "dropped";
  const errorText = reason === "dropped" ? CHANNEL_DROPPED_TEXT : PEER_FAILED_TEXT;
  if (failed && !current.connected) {
    abortStart(current, errorText);
    return;
  }
  current.finished = true;
  if (reason === "user") current.call?.sendEnd();
  current.releaseMedia();
  ui.setConnectionState(failed ? "failed" : "ended");
  if (failed) ui.showError(errorText);
  if (reason === "user" && current.id) {
    await api.endInterview(current.id).catch((error) => {
      ui.showError(`The call ended, but the server could not close the interview: ${error.message}`);
    });
  }
  current.close();
  if (activeCall === current) activeCall = null;
  ui.setStartBusy(false);
  if (current.id) {
    ui.showInterviewLink(current.id);
    ui.showResult();
    await showTranscript(current.id);
    interviewList.reload();
  }
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
    ui.fillSetupForm(options);
    interviewList.setOptions(options);
    iceServers = Array.isArray(options.ice_servers) ? options.ice_servers : [];
    ui.setStartBusy(false);
  } catch (error) {
    ui.setStartBusy(false);
    ui.showError(`Interview options could not be loaded: ${error.message} Reload the page to try again.`);
    setState("error");
  }
}

ui.elements.form.addEventListener("submit", (event) => {
  event.preventDefault();
  startCall();
});

ui.elements.mute.addEventListener("click", () => {
  if (!activeCall) return;
  activeCall.setMuted(!activeCall.muted);
  ui.setMuted(activeCall.muted);
});

ui.elements.endCall.addEventListener("click", () => {
  if (activeCall) finishCall(activeCall, "user");
});

ui.elements.newInterview.addEventListener("click", () => {
  ui.clearError();
  captions.clear();
  ui.showView("setup");
  setState("idle");
  ui.elements.startCall.focus();
});

// Closing the tab mid-call still ends the interview on the server: the data-channel `end`
// first; the keepalive request (which, unlike sendBeacon, carries the Bearer) backs it up.
window.addEventListener("pagehide", () => {
  if (!activeCall?.id || activeCall.finished) return;
  activeCall.call?.sendEnd();
  api.endInterviewOnUnload(activeCall.id);
});

setState("idle");
mountAccountMenu(document.getElementById("account-menu"), { onError: ui.showError });
restore();
loadOptions();
