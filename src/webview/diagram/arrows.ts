import { KIND, type EventColumns } from './columns';
import { IntervalIndex } from './window';

/** What happened to a message, as bits of `Arrows.flags`. */
export const ArrowFlag = {
  /** It ended in a drop: drawn ending in a ✕ where it was lost. */
  Dropped: 1,
  /** The network's second copy of a message. */
  Duplicate: 2,
  /** Neither delivered nor dropped yet: on the wire now (a live run), or when the trace ends. */
  InFlight: 4,
  /** Lost on the wire as it was sent (loss, partition): it never reached the receiver's lane. */
  LostAtSend: 8,
} as const;

/**
 * One arrow per message copy, from its send to its delivery or drop, as columns sorted by send
 * time; a duplicated send has two arrows. Which copies are still in flight the live run's kernel
 * says (`inFlight`); a trace file cannot, so there a send with no end yet is one in-flight arrow.
 */
export interface Arrows {
  readonly count: number;
  readonly send: Int32Array;
  /** The deliver or drop event, or -1 while in flight. */
  readonly end: Int32Array;
  readonly fromRow: Int16Array;
  readonly toRow: Int16Array;
  readonly t0: Float64Array;
  readonly t1: Float64Array;
  readonly flags: Uint8Array;
  readonly type: Int16Array;
  /** When an in-flight copy is due, as the kernel has it; NaN for the others and in a trace file. */
  readonly due: Float64Array;
  /** Event → its arrow: for a send its first arrow, for a deliver or drop the one it ends; else -1. */
  readonly ofEvent: Int32Array;
  readonly index: IntervalIndex;
}

/** A copy the run's network holds: the trace index of its send and when it is due. */
export interface FlyingCopy {
  send: number;
  due: number;
}

export function buildArrows(c: EventColumns, inFlight?: readonly FlyingCopy[]): Arrows {
  const { count, kinds, links } = c;
  // The kernel's copies in flight by send; one it names that this trace has not got is left out.
  const flying = new Map<number, number[]>();
  for (const copy of inFlight ?? []) {
    if (!(copy.send >= 0 && copy.send < count && kinds[copy.send] === KIND.send)) continue;
    const dues = flying.get(copy.send);
    if (dues === undefined) flying.set(copy.send, [copy.due]);
    else dues.push(copy.due);
  }
  // Ends of each send as a linked list, in event order: firstEnd[send] → nextEnd[end] → …
  const firstEnd = new Int32Array(count).fill(-1);
  const lastEnd = new Int32Array(count).fill(-1);
  const nextEnd = new Int32Array(count).fill(-1);
  let sends = 0;
  let ends = 0;
  for (let i = 0; i < count; i++) {
    const k = kinds[i];
    if (k === KIND.send) sends++;
    else if (k === KIND.deliver || k === KIND.drop) {
      const s = links[i] as number;
      if (s < 0 || kinds[s] !== KIND.send) continue;
      ends++;
      if (firstEnd[s] === -1) firstEnd[s] = i;
      else nextEnd[lastEnd[s] as number] = i;
      lastEnd[s] = i;
    }
  }
  const capacity = sends + ends + (inFlight?.length ?? 0);
  const a = {
    send: new Int32Array(capacity),
    end: new Int32Array(capacity),
    fromRow: new Int16Array(capacity),
    toRow: new Int16Array(capacity),
    t0: new Float64Array(capacity),
    t1: new Float64Array(capacity),
    flags: new Uint8Array(capacity),
    type: new Int16Array(capacity),
    due: new Float64Array(capacity),
  };
  const ofEvent = new Int32Array(count).fill(-1);
  let n = 0;
  const add = (s: number, e: number, flags: number, due = NaN): void => {
    a.send[n] = s;
    a.end[n] = e;
    a.fromRow[n] = c.rows[s] as number;
    a.toRow[n] = c.peers[s] as number;
    a.t0[n] = c.times[s] as number;
    a.t1[n] = e === -1 ? c.endTime : (c.times[e] as number);
    a.flags[n] = flags;
    a.type[n] = c.typeOf[s] as number;
    a.due[n] = due;
    if (ofEvent[s] === -1) ofEvent[s] = n;
    if (e !== -1) ofEvent[e] = n;
    n++;
  };
  for (let s = 0; s < count; s++) {
    if (kinds[s] !== KIND.send) continue;
    let e = firstEnd[s] as number;
    if (e === -1 && inFlight === undefined) add(s, -1, ArrowFlag.InFlight);
    let copy = 0;
    for (; e !== -1; copy++, e = nextEnd[e] as number) {
      let flags = copy > 0 ? ArrowFlag.Duplicate : 0;
      if (kinds[e] === KIND.drop) {
        flags |= ArrowFlag.Dropped;
        if (c.rows[e] === c.rows[s] && c.times[e] === c.times[s]) flags |= ArrowFlag.LostAtSend;
      }
      add(s, e, flags);
    }
    for (const due of flying.get(s) ?? []) add(s, -1, ArrowFlag.InFlight | (copy++ > 0 ? ArrowFlag.Duplicate : 0), due);
  }
  return { count: n, ...a, ofEvent, index: new IntervalIndex(a.t0, a.t1, n) };
}

/** Every arrow of one send (a duplicated message has two), in arrival order. */
export function arrowsOfSend(arrows: Arrows, send: number): number[] {
  const out: number[] = [];
  for (let k = arrows.ofEvent[send] as number; k >= 0 && k < arrows.count && arrows.send[k] === send; k++) out.push(k);
  return out;
}
