import { EventQueue, simulate, type RunSpec } from '../src/kernel';

/**
 * The kernel's queue traffic for one run, in order: each entry is a push (the event's time) or
 * a pop (NaN). Replaying it on a bare heap gives the floor the kernel is measured against.
 */
export interface QueuePattern {
  ops: Float64Array;
  pops: number;
}

/** Runs the spec once with the kernel's queue wrapped, recording every push and pop. */
export function recordQueuePattern(spec: RunSpec): QueuePattern {
  const proto = EventQueue.prototype as EventQueue<Entry>;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the wrappers call them with the queue as `this`
  const { push, pop } = proto;
  const ops: number[] = [];
  proto.push = function (this: EventQueue<Entry>, event) {
    ops.push(event.time);
    push.call(this, event);
  };
  proto.pop = function (this: EventQueue<Entry>) {
    ops.push(NaN);
    return pop.call(this);
  };
  try {
    simulate(spec);
  } finally {
    proto.push = push;
    proto.pop = pop;
  }
  return { ops: Float64Array.from(ops), pops: ops.filter((t) => Number.isNaN(t)).length };
}

interface Entry {
  time: number;
  seq: number;
}

/**
 * Replays a pattern on a plain binary min-heap of {time, seq} objects, ordered like the kernel's
 * queue. Returns the sum of popped times so the work cannot be optimised away (and so the replay
 * can be checked against the run it was recorded from).
 */
export function replayOnBareHeap(pattern: QueuePattern): number {
  const heap: Entry[] = [];
  let seq = 0;
  let sum = 0;
  const ops = pattern.ops;
  for (let k = 0; k < ops.length; k++) {
    const time = ops[k] as number;
    if (time === time) {
      const entry = { time, seq: seq++ };
      let i = heap.length;
      heap.push(entry);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = heap[parent] as Entry;
        if (p.time < time || (p.time === time && p.seq < entry.seq)) break;
        heap[i] = p;
        i = parent;
      }
      heap[i] = entry;
    } else {
      const top = heap[0] as Entry;
      const last = heap.pop() as Entry;
      const n = heap.length;
      if (n > 0) {
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= n) break;
          const right = left + 1;
          const l = heap[left] as Entry;
          let child = left;
          let c = l;
          if (right < n) {
            const r = heap[right] as Entry;
            if (r.time < l.time || (r.time === l.time && r.seq < l.seq)) {
              child = right;
              c = r;
            }
          }
          if (last.time < c.time || (last.time === c.time && last.seq < c.seq)) break;
          heap[i] = c;
          i = child;
        }
        heap[i] = last;
      }
      sum += top.time;
    }
  }
  return sum;
}
