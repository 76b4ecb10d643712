/**
 * A binary min-heap of events ordered by (time, seq). `seq` is the insertion counter, so two
 * events at the same virtual time always pop in the order they were scheduled.
 */
export interface Scheduled {
  time: number;
  seq: number;
}

export class EventQueue<E extends Scheduled> {
  private readonly heap: E[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Every queued event, in heap order (not sorted). */
  get entries(): readonly E[] {
    return this.heap;
  }

  /** Stamps `event.seq` and inserts it. */
  push(event: E): void {
    event.seq = this.counter++;
    this.siftUp(this.heap.length, event);
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    this.siftDown(0, last);
    return top;
  }

  /** Takes out the event stamped `seq`, wherever it is (a linear search: for chosen steps, not the hot loop). */
  take(seq: number): E | undefined {
    const heap = this.heap;
    const i = heap.findIndex((e) => e.seq === seq);
    if (i < 0) return undefined;
    const taken = heap[i] as E;
    const last = heap.pop() as E;
    if (i < heap.length) {
      // The last entry fills the hole; it may belong above or below it.
      if (i > 0 && before(last, heap[(i - 1) >> 1] as E)) this.siftUp(i, last);
      else this.siftDown(i, last);
    }
    return taken;
  }

  peekTime(): number {
    return this.heap.length === 0 ? Infinity : (this.heap[0] as E).time;
  }

  /** Places `event` at hole `i` or above it. */
  private siftUp(i: number, event: E): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as E;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  /** Places `event` at hole `i` or below it. */
  private siftDown(i: number, event: E): void {
    const heap = this.heap;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right] as E, heap[left] as E) ? right : left;
      const c = heap[child] as E;
      if (!before(c, event)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = event;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
