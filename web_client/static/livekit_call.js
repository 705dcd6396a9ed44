/**
 * A call through a LiveKit room, with the same face as the WebRTC `Call` (call.js), and
 * `connectCall`, which picks one of the two by what the call-token route answers.
 *
 * In LiveKit mode the token route returns `{token, expires_in, livekit_url, room}`: the page
 * joins the interview's room with livekit-client (vendor/livekit-client.umd.js, loaded only
 * then), publishes the microphone, plays the interviewer's track, and exchanges the same JSON
 * messages as the data channel (docs/CONTRACTS.md) as reliable data on topic
 * `mockline.events`. "connected" means an interviewer is in the room; if it leaves mid-call
 * (its worker died) the call shows "disconnected" (reconnecting) while the server sends
 * another, and fails only if none comes in time.
 */

import { createCallToken } from "./api.js";
import { Call, CallError } from "./call.js";

const LIVEKIT_SCRIPT = "/static/vendor/livekit-client.umd.js";
const TOPIC = "mockline.events";
/** How long the page waits for a replacement interviewer before giving up. */
const AGENT_RETURN_TIMEOUT_MS = 45000;

let loading = null;

/** livekit-client's UMD build, loaded once on first use. */
function loadLiveKit() {
  if (window.LivekitClient) return Promise.resolve(window.LivekitClient);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = LIVEKIT_SCRIPT;
    script.onload = () => resolve(window.LivekitClient);
    script.onerror = () => {
      loading = null;
      reject(new CallError("The call library is not installed on this server (run scripts/setup.sh)."));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Asks for a call token and connects the kind of call it is for.
 * @param {{interviewId: string, micStream: MediaStream, iceServers: RTCIceServer[],
 *          handlers: import("./call.js").CallHandlers}} options
 */
export async function connectCall(options) {
  const grant = await createCallToken(options.interviewId);
  if (grant.livekit_url) return LiveKitCall.connect({ ...options, grant });
  return Call.connect({ ...options, token: grant.token });
}

export class LiveKitCall {
  constructor(room, lk) {
    this.room = room;
    this.lk = lk;
    this.closed = false;
    this.agentTimer = null;
  }

  /**
   * @param {{micStream: MediaStream, grant: {token: string, livekit_url: string},
   *          handlers: import("./call.js").CallHandlers}} options
   * @returns {Promise<LiveKitCall>}
   */
  static async connect({ micStream, grant, handlers }) {
    const lk = await loadLiveKit();
    const room = new lk.Room({ adaptiveStream: false, dynacast: false });
    const call = new LiveKitCall(room, lk);
    call._listen(handlers);
    try {
      handlers.onConnectionState("connecting");
      await room.connect(grant.livekit_url, grant.token, { autoSubscribe: true });
      const [micTrack] = micStream.getAudioTracks();
      await room.localParticipant.publishTrack(micTrack, {
        source: lk.Track.Source.Microphone,
        dtx: false,
        red: false,
      });
      if (call._agents().length > 0) handlers.onConnectionState("connected");
      else call._checkBusy(handlers);
      for (const participant of call._agents()) {
        for (const publication of participant.trackPublications.values()) {
          if (publication.track) call._onTrack(publication.track, participant, handlers);
        }
      }
    } catch (err) {
      call.close();
      if (err instanceof CallError) throw err;
      throw new CallError(`The call could not be joined (${err.message ?? err}).`);
    }
    return call;
  }

  _agents() {
    return [...this.room.remoteParticipants.values()].filter((p) => p.isAgent);
  }

  /** The web tier marks the room when no worker was free to take the call. */
  _checkBusy(handlers) {
    if (this.closed || this._agents().length > 0) return;
    let marks = {};
    try {
      marks = JSON.parse(this.room.metadata || "{}");
    } catch {
      return;
    }
    if (marks?.interviewer === "busy") handlers.onConnectionState("busy");
  }

  _listen(handlers) {
    const { RoomEvent } = this.lk;
    const room = this.room;
    room.on(RoomEvent.ParticipantConnected, (participant) => {
      if (this.closed || !participant.isAgent) return;
      clearTimeout(this.agentTimer);
      handlers.onConnectionState("connected");
    });
    room.on(RoomEvent.ParticipantDisconnected, (participant) => {
      if (this.closed || !participant.isAgent || this._agents().length > 0) return;
      handlers.onConnectionState("disconnected");
      clearTimeout(this.agentTimer);
      this.agentTimer = setTimeout(() => {
        if (!this.closed && this._agents().length === 0) handlers.onConnectionState("failed");
      }, AGENT_RETURN_TIMEOUT_MS);
    });
    room.on(RoomEvent.RoomMetadataChanged, () => this._checkBusy(handlers));
    room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
      if (!this.closed) this._onTrack(track, participant, handlers);
    });
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      if (this.closed || topic !== TOPIC || !participant?.isAgent) return;
      const message = parseMessage(payload);
      if (message) handlers.onMessage(message);
    });
    room.on(RoomEvent.Reconnecting, () => {
      if (!this.closed) handlers.onConnectionState("disconnected");
    });
    room.on(RoomEvent.Reconnected, () => {
      if (!this.closed && this._agents().length > 0) handlers.onConnectionState("connected");
    });
    room.on(RoomEvent.Disconnected, () => {
      if (!this.closed) handlers.onChannelClosed();
    });
  }

  _onTrack(track, participant, handlers) {
    if (track.kind !== "audio" || !participant.isAgent) return;
    handlers.onRemoteStream(new MediaStream([track.mediaStreamTrack]));
  }

  /** Tells the interviewer the candidate ended the call; false when not connected. */
  sendEnd() {
    if (this.closed || this.room.state !== "connected") return false;
    const data = new TextEncoder().encode(JSON.stringify({ type: "end" }));
    this.room.localParticipant.publishData(data, { reliable: true, topic: TOPIC }).catch(() => {});
    return true;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.agentTimer);
    this.room.disconnect().catch(() => {});
  }
}

function parseMessage(payload) {
  try {
    const message = JSON.parse(new TextDecoder().decode(payload));
    return message && typeof message === "object" ? message : null;
  } catch {
    return null;
  }
}
