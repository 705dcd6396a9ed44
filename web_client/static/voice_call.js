/**
 * The voice side of the candidate page: the life of one call (`CallSession`).
 *
 * Owns a session to run it under (a guest one when nobody is signed in, see session.js),
 * the microphone, creating the interview when the call starts one, the call (call.js, or
 * livekit_call.js when the server runs calls through LiveKit),
 * metering (meter.js), captions, and ending exactly once whoever ends it: End call, a server
 * `ended` message, the peer failing, or the candidate switching to typing. Switching hangs
 * up without the data-channel `end` and without POST /end, so the interview stays active
 * and the typed chat resumes it (docs/INTERVIEWER.md, "The voice call").
 * A call may also start on an existing interview (typing -> voice); the server resumes it.
 */

import * as api from "./api.js";
import { connectCall } from "./livekit_call.js";
import { Captions } from "./captions.js";
import { LevelMeter, SpeechActivityMonitor } from "./meter.js";
import { openMicrophone } from "./microphone.js";
import { hooks, resetCallHooks, setState, showView } from "./page_state.js";
import { ensureSession } from "./session.js";
import * as ui from "./ui.js";

/** `?raw=1`: tests feed a WAV through a fake microphone, which browser DSP would alter. */
const RAW_AUDIO = new URLSearchParams(window.location.search).get("raw") === "1";
/** ICE normally fails on its own, but a call must never sit in "connecting" forever. */
const CONNECT_TIMEOUT_MS = 20000;

const PEER_FAILED_TEXT =
  "The audio connection to the interviewer failed. A firewall, VPN or unstable network " +
  "may be blocking the call. Check your connection and start the call again.";
const CHANNEL_DROPPED_TEXT = "The connection to the interviewer closed unexpectedly.";
/** LiveKit mode: every interviewer is busy; the server keeps dispatching for up to 10 minutes. */
const BUSY_WAIT_MS = 600000;
const BUSY_TEXT = "Every interviewer is busy right now. You will be connected as soon as one is free.";
const NO_INTERVIEWER_TEXT =
  "No interviewer became free in time. Try the call again in a few minutes, or continue by typing.";
const ERROR_TEXT = { failed: PEER_FAILED_TEXT, dropped: CHANNEL_DROPPED_TEXT, busy: NO_INTERVIEWER_TEXT };

/**
 * @typedef {object} VoiceHandlers
 * @property {(text: string) => void} onProgress   what starting the call is doing now
 * @property {(id: string|null, message: string) => void} onAborted  never connected
 * @property {(id: string, failed: boolean) => Promise<void>} onFinished  the call is over
 * @property {(id: string) => void} onSwitchedToText  hung up to continue by typing
 */

class CallSession {
  /** @param {AudioContext} audioContext  created during the click, so it may play */
  constructor(audioContext, id) {
    this.audioContext = audioContext;
    /** @type {string|null} */ this.id = id;
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

export class VoiceCalls {
  /** @param {VoiceHandlers} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.captions = new Captions(ui.elements.captions);
    /** @type {RTCIceServer[]} */ this.iceServers = [];
    /** @type {CallSession|null} the call in progress, if any */ this.active = null;
  }

  /**
   * Starts a call: on interview `interviewId` (resumed by the server), or on a new one
   * created from `createBody`. Call during the click that asked for it (audio may play).
   * @param {{interviewId?: string|null, createBody?: object|null}} options
   */
  async start({ interviewId = null, createBody = null }) {
    if (this.active) return;
    resetCallHooks();
    hooks.mode = "voice";
    setState("starting");
    this.handlers.onProgress("Opening your microphone…");
    const current = new CallSession(new AudioContext(), interviewId);
    this.active = current;
    // Signed in, restored, or a new guest: practising never waits for a sign-up.
    const signedIn = ensureSession();
    signedIn.catch(() => {}); // awaited below; the microphone may fail first
    try {
      current.mic = await openMicrophone({ raw: RAW_AUDIO });
      current.micMonitor = new SpeechActivityMonitor(new LevelMeter(current.audioContext, current.mic), hooks.micAudio);
      await signedIn;
      if (!current.id) {
        this.handlers.onProgress("Creating your interview…");
        current.id = (await api.createInterview(createBody)).id;
      }
      hooks.interviewId = current.id;
      if (current.finished) return;
      await this.connect(current);
    } catch (error) {
      if (current.finished) return; // ended by the person while starting
      const prefix = error instanceof api.ApiError ? "The call could not be started: " : "";
      this.abortStart(current, prefix + error.message);
    }
  }

  async connect(current) {
    this.captions.clear();
    ui.resetCallCard();
    showView("call");
    current.drawLevels();
    const call = await connectCall({
      interviewId: current.id,
      micStream: current.mic,
      iceServers: this.iceServers,
      signaling: { callToken: api.createCallToken, offer: api.postOffer },
      handlers: {
        onMessage: (message) => this.handleMessage(current, message),
        onRemoteStream: (stream) => this.handleRemoteStream(current, stream),
        onConnectionState: (state) => this.handleConnectionState(current, state),
        onChannelClosed: () => this.finish(current, "dropped"),
      },
    });
    current.call = call;
    hooks.audioStats = () => call.audioStats();
    if (current.finished) {
      call.close();
      return;
    }
    if (!current.connected) {
      current.connectTimer = setTimeout(() => {
        if (!current.connected) this.finish(current, "failed");
      }, CONNECT_TIMEOUT_MS);
    }
  }

  handleMessage(current, message) {
    hooks.messages.push({ ...message, t: performance.now() });
    if (current.finished) return;
    if (message.type === "transcript") this.captions.add(message);
    else if (message.type === "state") ui.setActiveSpeaker(message);
    else if (message.type === "ended") this.finish(current, "server");
  }

  handleRemoteStream(current, stream) {
    if (current.finished) return;
    const audioElement = ui.elements.remoteAudio;
    audioElement.srcObject = stream;
    audioElement.play().catch(() => {});
    // A LiveKit call gets a new stream when a replacement interviewer joins: meter that one.
    current.remoteMonitor?.close();
    current.remoteMonitor = new SpeechActivityMonitor(new LevelMeter(current.audioContext, stream), hooks.audio);
  }

  handleConnectionState(current, state) {
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
      this.finish(current, "failed");
    } else if (state === "busy") {
      if (current.connected) return;
      clearTimeout(current.connectTimer); // waiting for a free interviewer is not a failure
      current.connectTimer = setTimeout(() => {
        if (!current.connected) this.finish(current, "busy");
      }, BUSY_WAIT_MS);
      ui.setConnectionState("waiting");
      ui.elements.speakingStatus.textContent = BUSY_TEXT;
    } else if (state === "new" || state === "connecting") {
      ui.setConnectionState(current.connected ? "reconnecting" : "connecting");
    }
  }

  /** A call that never connected: the handler goes back to where it started from. */
  abortStart(current, message) {
    current.finished = true;
    current.close();
    if (this.active === current) this.active = null;
    this.handlers.onAborted(current.id, message);
  }

  /**
   * Ends `current` once. reason: 'user' (End call), 'server' (`ended` message), 'switch'
   * (continue by typing), 'failed' (peer failed or never connected), 'dropped' (data
   * channel closed without `ended`), 'busy' (no interviewer became free while waiting).
   */
  async finish(current, reason) {
    if (current.finished) return;
    const errorText = ERROR_TEXT[reason];
    const failed = errorText !== undefined;
    if (failed && !current.connected) {
      this.abortStart(current, errorText);
      return;
    }
    current.finished = true;
    if (reason === "user") current.call?.sendEnd();
    current.releaseMedia();
    if (reason === "switch") {
      current.close();
      if (this.active === current) this.active = null;
      this.handlers.onSwitchedToText(/** @type {string} */ (current.id));
      return;
    }
    ui.setConnectionState(failed ? "failed" : "ended");
    if (failed) ui.showError(errorText);
    if (reason === "user" && current.id) {
      await api.endInterview(current.id).catch((error) => {
        ui.showError(`The call ended, but the server could not close the interview: ${error.message}`);
      });
    }
    current.close();
    if (this.active === current) this.active = null;
    if (current.id) await this.handlers.onFinished(current.id, failed);
  }

  /** End call. */
  end() {
    if (this.active) this.finish(this.active, "user");
  }

  /** Switch to typing: hangs up, leaving the interview active (once it exists). */
  switchToText() {
    if (this.active?.id) this.finish(this.active, "switch");
  }

  toggleMute() {
    if (!this.active) return;
    this.active.setMuted(!this.active.muted);
    ui.setMuted(this.active.muted);
  }

  /**
   * Closing the tab mid-call still ends the interview on the server: the data-channel `end`
   * first; the keepalive request (which, unlike sendBeacon, carries the Bearer) backs it up.
   */
  pageHide() {
    const current = this.active;
    if (!current?.id || current.finished) return;
    current.call?.sendEnd();
    api.endInterviewOnUnload(current.id);
  }
}
