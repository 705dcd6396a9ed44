/**
 * Audio level metering for the call.
 *
 * `SpeechEdgeDetector` is the pure start/stop state machine (no audio, no timers) so its
 * thresholds read in one place; `LevelMeter` reads RMS from a WebAudio AnalyserNode;
 * `SpeechActivityMonitor` samples a LevelMeter every 10 ms into the test hook
 * `window.mockline.audio` / `micAudio` ({maxLevel, events: [{t, kind, detectedAt}]}):
 * `t` is when the edge happened (a 'start' when the level crossed START_RMS, a 'stop' when
 * the silence began), `detectedAt` when the detector decided; both performance.now() ms.
 */

/** RMS that opens a speech segment, and how long it must have been quiet before. */
export const START_RMS = 0.02;
export const QUIET_BEFORE_START_MS = 150;
/**
 * RMS below which a segment closes, once it has stayed there this long. As long as the quiet
 * a start needs: a shorter wait closed segments at the dips between words, and the next word,
 * not preceded by enough quiet, opened none, so the rest of the sentence went unseen (most
 * barge-ins over the interviewer then measured nothing).
 */
export const STOP_RMS = 0.01;
export const SILENCE_BEFORE_STOP_MS = QUIET_BEFORE_START_MS;
export const TICK_MS = 10;

/** 512 samples is ~10.7 ms at 48 kHz: one analyser window per tick. */
const FFT_SIZE = 512;

export function rootMeanSquare(samples) {
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) sum += samples[i] * samples[i];
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

export class SpeechEdgeDetector {
  constructor() {
    this.speaking = false;
    /** When the level last fell to START_RMS or below; null while above it. */
    this.quietSince = Number.NEGATIVE_INFINITY;
    /** When the level last fell below STOP_RMS; null while at or above it. */
    this.silentSince = null;
  }

  /** @returns {'start'|'stop'|null} the edge crossed at time `now`, if any */
  update(level, now) {
    if (level > START_RMS) {
      const quietLongEnough = this.quietSince !== null && now - this.quietSince >= QUIET_BEFORE_START_MS;
      this.quietSince = null;
      this.silentSince = null;
      if (!this.speaking && quietLongEnough) {
        this.speaking = true;
        return "start";
      }
      return null;
    }
    if (this.quietSince === null) this.quietSince = now;
    if (level >= STOP_RMS) {
      this.silentSince = null;
      return null;
    }
    if (this.silentSince === null) this.silentSince = now;
    if (this.speaking && now - this.silentSince >= SILENCE_BEFORE_STOP_MS) {
      this.speaking = false;
      return "stop";
    }
    return null;
  }
}

export class LevelMeter {
  /**
   * @param {AudioContext} audioContext
   * @param {MediaStream} stream  for a remote WebRTC stream Chrome only delivers samples
   *   while the same stream is also playing in a media element
   */
  constructor(audioContext, stream) {
    this.source = audioContext.createMediaStreamSource(stream);
    this.analyser = audioContext.createAnalyser();
    this.analyser.fftSize = FFT_SIZE;
    this.samples = new Float32Array(this.analyser.fftSize);
    // Not connected to the destination: the <audio> element does the playback.
    this.source.connect(this.analyser);
  }

  read() {
    this.analyser.getFloatTimeDomainData(this.samples);
    return rootMeanSquare(this.samples);
  }

  close() {
    this.source.disconnect();
  }
}

export class SpeechActivityMonitor {
  /**
   * @param {LevelMeter} meter
   * @param {{maxLevel: number, events: {t: number, kind: string}[]}} record  written in place
   */
  constructor(meter, record) {
    this.meter = meter;
    this.record = record;
    this.detector = new SpeechEdgeDetector();
    this.level = 0;
    this.timer = setInterval(() => this._tick(), TICK_MS);
  }

  _tick() {
    const now = performance.now();
    const level = this.meter.read();
    this.level = level;
    if (level > this.record.maxLevel) this.record.maxLevel = level;
    const kind = this.detector.update(level, now);
    if (!kind) return;
    // A stop is only known SILENCE_BEFORE_STOP_MS late; date it from when the silence began
    // so latency and barge-in measurements are not skewed by the detector's own delay.
    const t = kind === "stop" ? this.detector.silentSince : now;
    this.record.events.push({ t, kind, detectedAt: now });
  }

  close() {
    clearInterval(this.timer);
    this.meter.close();
  }
}
