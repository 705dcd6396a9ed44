/**
 * One voice call in the widget: the microphone (microphone.js), the peer and its data
 * channel (call.js, signalled through the widget's client), live captions (captions.js) and
 * the interviewer's level (meter.js), which drives the "speaking" ring and `stats()`.
 *
 * Ends once, whoever ends it: End call (data-channel `end` and POST /end), the server's
 * `ended` message, or the peer failing.
 */

import { Call } from "../static/call.js";
import { Captions } from "../static/captions.js";
import { LevelMeter } from "../static/meter.js";
import { openMicrophone } from "../static/microphone.js";

const CONNECT_TIMEOUT_MS = 20000;
const LEVEL_TICK_MS = 50;

/**
 * @typedef {object} VoiceHandlers
 * @property {() => void} onConnected
 * @property {(agent: string) => void} onAgentState   initializing|listening|thinking|speaking
 * @property {(level: number) => void} onLevel        the interviewer's level, 0..1
 * @property {(failed: boolean, message?: string) => void} onFinished
 */

export class WidgetCall {
  /**
   * @param {{client: import("./client.js").WidgetClient, iceServers: RTCIceServer[],
   *          captionsList: HTMLElement, audio: HTMLAudioElement,
   *          labelOf: (speaker: string) => string, handlers: VoiceHandlers}} options
   */
  constructor({ client, iceServers, captionsList, audio, labelOf, handlers }) {
    this.client = client;
    this.iceServers = iceServers;
    this.captions = new Captions(captionsList, labelOf);
    this.audio = audio;
    this.handlers = handlers;
    // Created during the click that started the call, so the page may play audio.
    this.audioContext = new AudioContext();
    this.id = null;
    this.mic = null;
    this.call = null;
    this.meter = null;
    this.timer = 0;
    this.connected = false;
    this.finished = false;
    this.peak = 0;
  }

  /** Opens the microphone, then connects to interview `id`. Rejects when it cannot start. */
  async start(id) {
    this.id = id;
    this.mic = await openMicrophone();
    this.captions.clear();
    this.call = await Call.connect({
      interviewId: id,
      micStream: this.mic,
      iceServers: this.iceServers,
      signaling: { callToken: this.client.callToken, offer: this.client.offer },
      handlers: {
        onMessage: (message) => this._message(message),
        onRemoteStream: (stream) => this._remote(stream),
        onConnectionState: (state) => this._connection(state),
        onChannelClosed: () => this._finish(!this.connected),
      },
    });
    setTimeout(() => {
      if (!this.connected) this._finish(true);
    }, CONNECT_TIMEOUT_MS);
  }

  _message(message) {
    if (this.finished) return;
    if (message.type === "transcript") this.captions.add(message);
    else if (message.type === "state") this.handlers.onAgentState(String(message.agent));
    else if (message.type === "ended") this._finish(false);
  }

  _remote(stream) {
    this.audio.srcObject = stream;
    this.audio.play().catch(() => {});
    if (this.meter) return;
    this.meter = new LevelMeter(this.audioContext, stream);
    this.timer = setInterval(() => {
      const level = this.meter.read();
      this.peak = Math.max(this.peak, level);
      this.handlers.onLevel(level);
    }, LEVEL_TICK_MS);
  }

  _connection(state) {
    if (state === "connected" && !this.connected) {
      this.connected = true;
      this.handlers.onConnected();
    } else if (state === "failed") {
      this._finish(true);
    }
  }

  setMuted(muted) {
    for (const track of this.mic?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** What reached this page: the interviewer's peak level and the audio bytes received. */
  async stats() {
    let bytesReceived = 0;
    const report = await this.call?.pc.getStats().catch(() => null);
    report?.forEach((entry) => {
      if (entry.type === "inbound-rtp" && entry.kind === "audio") bytesReceived += entry.bytesReceived ?? 0;
    });
    return { connected: this.connected, interviewerPeak: this.peak, bytesReceived };
  }

  /** End call: tells the server (channel, then POST /end) and hangs up. */
  async end() {
    if (this.finished) return;
    this.call?.sendEnd();
    const ended = this.id ? this.client.end(this.id).catch(() => {}) : null;
    this._release();
    await ended;
    this.handlers.onFinished(false);
  }

  _finish(failed) {
    if (this.finished) return;
    this._release();
    this.handlers.onFinished(failed);
  }

  _release() {
    this.finished = true;
    clearInterval(this.timer);
    this.meter?.close();
    for (const track of this.mic?.getTracks() ?? []) track.stop();
    this.call?.close();
    this.audio.srcObject = null;
    this.audioContext.close().catch(() => {});
  }
}
