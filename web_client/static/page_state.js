/**
 * Which card the candidate page shows, and the test hook `window.mockline`.
 *
 * `hooks` is the one object tests read; every field is written by the module that owns it:
 *   state: 'idle'|'starting'|'in-call'|'in-chat'|'ended'|'error' ('ended'/'error' are set
 *          only after the transcript has been rendered),
 *   mode: 'voice'|'text'|null (how the candidate is answering now),
 *   interviewId,
 *   callStartedAt (performance.now() when the peer first connected),
 *   audio: {maxLevel, events: [{t, kind: 'start'|'stop'}]} (remote audio, see meter.js),
 *   micAudio: the same for the microphone, on the same clock,
 *   messages: every data-channel message of the current call, as {...message, t},
 *   chat: every typed-mode message shown live, as {speaker, text, t},
 *   progress: {question_index, question_count, finished} from the last typed-mode reply,
 *   audioStats: () => Promise of the current WebRTC call's receive stats (call.js), or null.
 */

import { byId } from "./dom.js";
import * as ui from "./ui.js";

export const hooks = {
  state: "idle",
  mode: null,
  interviewId: null,
  callStartedAt: null,
  audio: { maxLevel: 0, events: [] },
  micAudio: { maxLevel: 0, events: [] },
  messages: [],
  chat: [],
  progress: null,
  audioStats: null,
};
window.mockline = hooks;

export function setState(state) {
  hooks.state = state;
  document.body.dataset.callState = state;
}

/** Forgets the last call's media measurements (a new call on the same interview keeps its id). */
export function resetCallHooks() {
  hooks.audio = { maxLevel: 0, events: [] };
  hooks.micAudio = { maxLevel: 0, events: [] };
  hooks.messages = [];
  hooks.callStartedAt = null;
  hooks.audioStats = null;
}

/** A new interview: nothing of the last one stays. */
export function resetHooks() {
  resetCallHooks();
  hooks.interviewId = null;
  hooks.mode = null;
  hooks.chat = [];
  hooks.progress = null;
}

const chatCard = byId("chat");

/**
 * @param {'setup'|'call'|'chat'|'result'} view  'result' keeps the call card (with its
 *   captions) beside it only when `withCall`; "My interviews" steps aside during an interview
 */
export function showView(view, { withCall = false } = {}) {
  ui.showView(view === "chat" ? "call" : view);
  chatCard.hidden = view !== "chat";
  if (view === "chat" || (view === "result" && !withCall)) ui.elements.call.hidden = true;
}
