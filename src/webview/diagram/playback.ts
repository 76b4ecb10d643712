import { upperBound } from './window';

/** Playback runs through the visible span in this many seconds at 1×, whatever the zoom. */
const SECONDS_PER_VIEW = 10;

/**
 * Plays the run forward in virtual time. The speed follows the zoom: at 1× the visible span
 * takes ten seconds, so zooming in slows playback down to where single messages can be followed.
 */
export class Playback {
  playing = false;
  speed = 1;
  private last = 0;

  constructor(private readonly times: Float64Array) {}

  /** Starts playing; `now` is the real time in ms (a rAF timestamp). */
  start(now: number): void {
    this.playing = true;
    this.last = now;
  }

  stop(): void {
    this.playing = false;
  }

  /** Advances from `time` by the real time elapsed since the last tick; returns the new time. */
  tick(now: number, time: number, span: number): number {
    const elapsed = Math.min(100, Math.max(0, now - this.last));
    this.last = now;
    return time + (elapsed / 1000) * (span / SECONDS_PER_VIEW) * this.speed;
  }

  /** The last event at or before `time`: -1 when none has happened. */
  indexAt(time: number): number {
    return upperBound(this.times, time) - 1;
  }
}
