/**
 * Which handler is running, in shared memory: a worker stuck in a student's infinite loop cannot
 * post a message, but the host can still read this after terminating it. Names are interned: the
 * worker announces each new name once by message and writes only numbers on the hot path.
 */

export const MARKS_BYTES = 48;

const enum Slot {
  Active,
  Node,
  Handler,
  Detail,
  From,
}
const SLOTS = 5;
/** The local clock reading sits after the integer slots, 8-byte aligned. */
const TIME_OFFSET = 32;

export const enum Handler {
  Constructor,
  OnStart,
  OnRecover,
  OnMessage,
  OnTimer,
}

export const NONE = -1;

/** The worker's side: marks a handler on entry and restores the enclosing one on exit. */
export class MarkWriter {
  private readonly ints: Int32Array;
  private readonly time: Float64Array;
  private readonly ids = new Map<string, number>();
  /** Saved marks of the handlers that are still running (a handler may call another). */
  private readonly saved: number[] = [];

  constructor(
    buffer: SharedArrayBuffer,
    private readonly announce: (id: number, text: string) => void,
  ) {
    this.ints = new Int32Array(buffer, 0, SLOTS);
    this.time = new Float64Array(buffer, TIME_OFFSET, 1);
  }

  /** A new run starts: nothing is running. */
  reset(): void {
    this.ints[Slot.Active] = 0;
    this.saved.length = 0;
  }

  /** Marks a handler as running. Names are numbers from `intern`; NONE where a handler has no such part. */
  enter(node: number, handler: Handler, detail: number, from: number, time: number): void {
    const ints = this.ints;
    const saved = this.saved;
    for (let i = 0; i < SLOTS; i++) saved.push(ints[i] as number);
    saved.push(this.time[0] as number);
    ints[Slot.Active] = 1;
    ints[Slot.Node] = node;
    ints[Slot.Handler] = handler;
    ints[Slot.Detail] = detail;
    ints[Slot.From] = from;
    this.time[0] = time;
  }

  exit(): void {
    const saved = this.saved;
    this.time[0] = saved.pop() as number;
    for (let i = SLOTS - 1; i >= 0; i--) this.ints[i] = saved.pop() as number;
  }

  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
      this.announce(id, text);
    }
    return id;
  }
}

/** The handler a node was running: `n2`, `onTimer("election")`, its local clock then. */
export interface HandlerMark {
  node: string;
  handler: string;
  time: number;
}

/** The host's side, read once the worker has stopped. */
export function readMark(buffer: SharedArrayBuffer, names: ReadonlyMap<number, string>): HandlerMark | undefined {
  const ints = new Int32Array(buffer, 0, SLOTS);
  if (ints[Slot.Active] !== 1) return undefined;
  const name = (slot: Slot): string => names.get(ints[slot] as number) ?? '?';
  const handler = ((): string => {
    switch (ints[Slot.Handler] as Handler) {
      case Handler.Constructor:
        return 'its constructor';
      case Handler.OnStart:
        return 'onStart';
      case Handler.OnRecover:
        return 'onRecover';
      case Handler.OnMessage:
        return `onMessage(${name(Slot.From)}, ${name(Slot.Detail)})`;
      case Handler.OnTimer:
        return `onTimer(${JSON.stringify(name(Slot.Detail))})`;
    }
  })();
  return { node: name(Slot.Node), handler, time: new Float64Array(buffer, TIME_OFFSET, 1)[0] as number };
}
