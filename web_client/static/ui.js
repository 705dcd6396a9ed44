/**
 * DOM of the candidate page (index.html): which section shows, the error banner, the
 * connection pill, who is speaking, the mute button and the level rings.
 *
 * Holds no call state; app.js decides, this module draws.
 */

const byId = (id) => document.getElementById(id);

export const elements = {
  error: byId("error"),
  setup: byId("setup"),
  form: byId("setup-form"),
  role: byId("role"),
  level: byId("level"),
  interviewType: byId("interview-type"),
  startCall: byId("start-call"),
  startStatus: byId("start-status"),
  call: byId("call"),
  callTitle: byId("call-title"),
  connectionState: byId("connection-state"),
  agentState: byId("agent-state"),
  userState: byId("user-state"),
  speakingStatus: byId("speaking-status"),
  interviewerTile: byId("tile-interviewer"),
  candidateTile: byId("tile-candidate"),
  captions: byId("captions"),
  mute: byId("mute"),
  endCall: byId("end-call"),
  result: byId("result"),
  interviewId: byId("interview-id"),
  interviewLink: byId("interview-link"),
  transcriptStatus: byId("transcript-status"),
  transcript: byId("transcript"),
  newInterview: byId("new-interview"),
  remoteAudio: byId("remote-audio"),
  myInterviews: byId("my-interviews"),
};

export function showError(message) {
  elements.error.textContent = message;
  elements.error.hidden = false;
  elements.error.scrollIntoView({ block: "nearest" });
}

export function clearError() {
  elements.error.textContent = "";
  elements.error.hidden = true;
}

/**
 * @param {'setup'|'call'|'result'} view  the call card stays visible next to the result;
 *   "My interviews" steps aside during a call
 */
export function showView(view) {
  elements.setup.hidden = view !== "setup";
  elements.call.hidden = view === "setup";
  elements.result.hidden = view !== "result";
  elements.myInterviews.hidden = view === "call";
}

function fillSelect(select, items) {
  select.replaceChildren(
    ...items.map(({ id, label }) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = label;
      return option;
    }),
  );
  select.disabled = items.length === 0;
}

const titleCase = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** Fills the setup form from GET /api/options. */
export function fillSetupForm(options) {
  fillSelect(elements.role, options.roles ?? []);
  fillSelect(elements.interviewType, options.interview_types ?? []);
  if (Array.isArray(options.levels) && options.levels.length) {
    const previous = elements.level.value;
    fillSelect(elements.level, options.levels.map((level) => ({ id: level, label: titleCase(level) })));
    if (options.levels.includes(previous)) elements.level.value = previous;
  }
}

export function readSetupForm() {
  return {
    role: elements.role.value,
    level: elements.level.value,
    interview_type: elements.interviewType.value,
  };
}

export function setStartBusy(busy, status = "") {
  const ready = Boolean(elements.role.value && elements.interviewType.value);
  elements.startCall.disabled = busy || !ready;
  elements.startCall.setAttribute("aria-busy", String(busy));
  elements.startStatus.textContent = status;
}

/** @param {'connecting'|'connected'|'reconnecting'|'ended'|'failed'} state */
export function setConnectionState(state) {
  elements.connectionState.textContent = state;
  elements.connectionState.dataset.state = state;
  const over = state === "ended" || state === "failed";
  elements.call.dataset.ended = String(over);
  elements.mute.disabled = over;
  elements.endCall.disabled = over;
  if (over) {
    elements.callTitle.textContent = state === "ended" ? "Call ended" : "Call failed";
    elements.speakingStatus.textContent =
      state === "ended" ? "The call has ended. Captions from the call stay below." : "The call was lost.";
  }
}

const AGENT_TEXT = {
  initializing: "Getting ready…",
  listening: "Listening",
  thinking: "Thinking…",
  speaking: "Speaking",
};
const USER_TEXT = { listening: "Listening", speaking: "Speaking" };

function summary(agent, user) {
  if (agent === "speaking") return "The interviewer is speaking.";
  if (user === "speaking") return "You are speaking.";
  if (agent === "thinking") return "The interviewer is thinking…";
  if (agent === "initializing") return "The interviewer is getting ready…";
  return "Your turn: the interviewer is listening.";
}

let lastSpeakers = { agent: "initializing", user: "listening" };
let micMuted = false;

function drawSpeakers() {
  const { agent, user } = lastSpeakers;
  elements.agentState.textContent = AGENT_TEXT[agent] ?? agent ?? "";
  elements.userState.textContent = micMuted ? "Muted" : (USER_TEXT[user] ?? user ?? "");
  elements.interviewerTile.dataset.active = String(agent === "speaking");
  elements.interviewerTile.dataset.agent = agent ?? "";
  elements.candidateTile.dataset.active = String(user === "speaking" && !micMuted);
  elements.candidateTile.dataset.muted = String(micMuted);
  elements.speakingStatus.textContent = summary(agent, user);
}

/** Draws a `state` data-channel message: {agent, user}. */
export function setActiveSpeaker({ agent, user }) {
  lastSpeakers = { agent, user };
  drawSpeakers();
}

/** The label stays "Mute"; aria-pressed and the candidate tile show the state. */
export function setMuted(muted) {
  micMuted = muted;
  elements.mute.setAttribute("aria-pressed", String(muted));
  elements.mute.title = muted ? "Microphone is off. Press to turn it back on." : "Turn your microphone off";
  drawSpeakers();
}

/** Sets the ring around each avatar from RMS levels (0..1). */
export function setLevels(interviewerLevel, candidateLevel) {
  const scale = (level) => Math.min(1, level * 6).toFixed(3);
  elements.interviewerTile.style.setProperty("--level", scale(interviewerLevel));
  elements.candidateTile.style.setProperty("--level", scale(candidateLevel));
}

export function resetCallCard() {
  elements.callTitle.textContent = "Interview call";
  setMuted(false);
  setConnectionState("connecting");
  setActiveSpeaker({ agent: "initializing", user: "listening" });
  elements.speakingStatus.textContent = "Connecting to the interviewer…";
  setLevels(0, 0);
}

/** Shows the result card and moves focus to its heading, so screen readers announce it. */
export function showResult() {
  showView("result");
  const title = byId("result-title");
  title.tabIndex = -1;
  title.focus();
}

export function showInterviewLink(id) {
  elements.interviewId.textContent = id;
  elements.interviewLink.href = `/interviews/${encodeURIComponent(id)}`;
}
