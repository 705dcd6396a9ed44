/**
 * The browser side of one WebRTC call (docs/CONTRACTS.md, "Data channel").
 *
 * Owns the RTCPeerConnection: the `events` data channel (created before the offer so it
 * is negotiated in it), the sendrecv audio transceiver carrying the microphone, the
 * non-trickle offer/answer exchange over HTTP (the offer carries a short-lived call token,
 * fetched while ICE gathers), and closing everything once.
 * It knows nothing about the page or who is signed in; callers pass callbacks and the two
 * requests of the exchange (the candidate page passes api.js's; the widget its own client's).
 */

/** The server answers one complete offer; trickle ICE is not part of the contract. */
const ICE_GATHERING_TIMEOUT_MS = 3000;

export class CallError extends Error {
  constructor(message) {
    super(message);
    this.name = "CallError";
  }
}

/**
 * @typedef {object} CallSignaling
 * @property {(interviewId: string) => Promise<{token: string}>} callToken
 * @property {(interviewId: string, offer: {sdp: string, type: string, token: string})
 *            => Promise<RTCSessionDescriptionInit>} offer
 */

/**
 * @typedef {object} CallHandlers
 * @property {(message: object) => void} onMessage        each JSON data-channel message
 * @property {(stream: MediaStream) => void} onRemoteStream the interviewer's audio
 * @property {(state: RTCPeerConnectionState) => void} onConnectionState
 * @property {() => void} onChannelClosed                  the data channel closed
 */

export class Call {
  /**
   * @param {RTCPeerConnection} pc
   * @param {RTCDataChannel} channel
   */
  constructor(pc, channel) {
    this.pc = pc;
    this.channel = channel;
    this.closed = false;
  }

  /**
   * Builds the peer, sends the offer for `interviewId` (with a call token for it, fetched
   * here unless given) and applies the answer.
   * Closes the peer before rethrowing when any step fails.
   *
   * @param {{interviewId: string, micStream: MediaStream, iceServers: RTCIceServer[],
   *          handlers: CallHandlers, signaling: CallSignaling, token?: string}} options
   * @returns {Promise<Call>}
   */
  static async connect({ interviewId, micStream, iceServers, handlers, signaling, token: given = null }) {
    const pc = new RTCPeerConnection({ iceServers });
    const channel = pc.createDataChannel("events");
    const [micTrack] = micStream.getAudioTracks();
    const call = new Call(pc, channel);
    call._listen(handlers);
    pc.addTransceiver(micTrack, { direction: "sendrecv", streams: [micStream] });
    try {
      await pc.setLocalDescription(await pc.createOffer());
      const [{ token }] = await Promise.all([
        given ? { token: given } : signaling.callToken(interviewId),
        waitForIceGathering(pc, ICE_GATHERING_TIMEOUT_MS),
      ]);
      const { sdp, type } = pc.localDescription;
      const answer = await signaling.offer(interviewId, { sdp, type, token });
      if (call.closed) return call;
      await pc.setRemoteDescription(answer).catch((err) => {
        throw new CallError(`The server's answer could not be used (${err.message}).`);
      });
    } catch (err) {
      call.close();
      throw err;
    }
    return call;
  }

  /** @param {CallHandlers} handlers */
  _listen(handlers) {
    this.pc.addEventListener("track", (event) => {
      handlers.onRemoteStream(event.streams[0] ?? new MediaStream([event.track]));
    });
    this.pc.addEventListener("connectionstatechange", () => {
      if (!this.closed) handlers.onConnectionState(this.pc.connectionState);
    });
    this.channel.addEventListener("message", (event) => {
      const message = parseMessage(event.data);
      if (message) handlers.onMessage(message);
    });
    this.channel.addEventListener("close", () => {
      if (!this.closed) handlers.onChannelClosed();
    });
  }

  /** Tells the server the candidate ended the call; false when the channel is not open. */
  sendEnd() {
    if (this.channel.readyState !== "open") return false;
    this.channel.send(JSON.stringify({ type: "end" }));
    return true;
  }

  /**
   * The interviewer's audio as received (the browser's jitter buffer: how long a sample
   * waited in it on average, and the delay it aims for now) and the path's round trip.
   * @returns {Promise<{jitterBufferMs: number|null, jitterTargetMs: number|null,
   *   concealedPercent: number|null, roundTripMs: number|null}>}
   */
  async audioStats() {
    const out = { jitterBufferMs: null, jitterTargetMs: null, concealedPercent: null, roundTripMs: null };
    const report = await this.pc.getStats();
    report.forEach((stat) => {
      if (stat.type === "inbound-rtp" && stat.kind === "audio" && stat.jitterBufferEmittedCount) {
        out.jitterBufferMs = (1000 * stat.jitterBufferDelay) / stat.jitterBufferEmittedCount;
        if (stat.jitterBufferTargetDelay) out.jitterTargetMs = (1000 * stat.jitterBufferTargetDelay) / stat.jitterBufferEmittedCount;
        if (stat.totalSamplesReceived) out.concealedPercent = (100 * stat.concealedSamples) / stat.totalSamplesReceived;
      } else if (stat.type === "candidate-pair" && stat.nominated && stat.currentRoundTripTime !== undefined) {
        out.roundTripMs = 1000 * stat.currentRoundTripTime;
      }
    });
    return out;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.channel.close();
    this.pc.close();
  }
}

function parseMessage(data) {
  if (typeof data !== "string") return null;
  try {
    const message = JSON.parse(data);
    return message && typeof message === "object" ? message : null;
  } catch {
    return null;
  }
}

/** Resolves when gathering completes or after `timeoutMs`, whichever is first. */
function waitForIceGathering(pc, timeoutMs) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      pc.removeEventListener("icegatheringstatechange", onStateChange);
      pc.removeEventListener("icecandidate", onCandidate);
      resolve();
    };
    const onStateChange = () => {
      if (pc.iceGatheringState === "complete") finish();
    };
    const onCandidate = (event) => {
      if (!event.candidate) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    pc.addEventListener("icegatheringstatechange", onStateChange);
    pc.addEventListener("icecandidate", onCandidate);
  });
}
