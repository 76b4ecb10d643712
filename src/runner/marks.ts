/**
 * Which handler is running, in shared memory: a worker stuck in a student's infinite loop cannot
 * post a message, but the host can still read this after terminating it. Names are interned: the
 * worker announces each new name once by message and writes only numbers on the hot path.
 */
import { describeHandler, handlerKinds, type HandlerCall, type HandlerHooks, type NodeId } from '../kernel';

export const MARKS_BYTES = 48;

const enum Slot {
  Active,
  Node,
  /** The handler's index in handlerKinds. */
  Handler,
  /** The message type or the timer name. */
  Detail,
  From,
  /** How many handlers the run has entered, this one included: never restored, so it only grows. */
  Calls,
}
/** The slots a nested handler saves and restores; Calls comes after them. */
const SLOTS = 5;
/** The local clock reading sits after the integer slots, 8-byte aligned. */
const TIME_OFFSET = 32;

const NONE = -1;

/** The worker's side: the kernel's handler hooks, marking a handler on entry and restoring the enclosing one on exit. */
export class MarkWriter implements HandlerHooks {
  private readonly ints: Int32Array;
  private readonly time: Float64Array;
  private readonly ids = new Map<string, number>();
  /** Saved marks of the handlers that are still running (a handler may call another). */
  private readonly saved: number[] = [];

  constructor(
    buffer: SharedArrayBuffer,
    private readonly announce: (id: number, text: string) => void,
  ) {
    this.ints = new Int32Array(buffer, 0, SLOTS + 1);
    this.time = new Float64Array(buffer, TIME_OFFSET, 1);
  }

  /** A new run starts: nothing is running. */
  reset(): void {
    this.ints[Slot.Active] = 0;
    this.ints[Slot.Calls] = 0;
    this.saved.length = 0;
  }

  /** Handlers entered since the last reset: the running one is the `calls`-th. */
  get calls(): number {
    return this.ints[Slot.Calls] as number;
  }

  beforeHandler(node: NodeId, call: HandlerCall, localTime: number): void {
    const ints = this.ints;
    const saved = this.saved;
    for (let i = 0; i < SLOTS; i++) saved.push(ints[i] as number);
    saved.push(this.time[0] as number);
    ints[Slot.Calls] = (ints[Slot.Calls] as number) + 1;
    ints[Slot.Active] = 1;
    ints[Slot.Node] = this.intern(node);
    ints[Slot.Handler] = handlerKinds.indexOf(call.kind);
    ints[Slot.Detail] =
      call.kind === 'onMessage' ? this.intern(call.type) : call.kind === 'onTimer' ? this.intern(call.name) : NONE;
    ints[Slot.From] = call.kind === 'onMessage' ? this.intern(call.from) : NONE;
    this.time[0] = localTime;
  }

  afterHandler(): void {
    const saved = this.saved;
    this.time[0] = saved.pop() as number;
    for (let i = SLOTS - 1; i >= 0; i--) this.ints[i] = saved.pop() as number;
  }

  private intern(text: string): number {
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
  /** It was the run's `call`-th handler: a replay stops before this one to keep the trace up to it. */
  call: number;
}

/** The host's side, read once the worker has stopped. */
export function readMark(buffer: SharedArrayBuffer, names: ReadonlyMap<number, string>): HandlerMark | undefined {
  const ints = new Int32Array(buffer, 0, SLOTS + 1);
  if (ints[Slot.Active] !== 1) return undefined;
  const name = (slot: Slot): string => names.get(ints[slot] as number) ?? '?';
  const call = ((): HandlerCall => {
    const kind = handlerKinds[ints[Slot.Handler] as number] as HandlerCall['kind'];
    switch (kind) {
      case 'onMessage':
        return { kind, from: name(Slot.From), type: name(Slot.Detail) };
      case 'onTimer':
        return { kind, name: name(Slot.Detail) };
      default:
        return { kind };
    }
  })();
  return {
    node: name(Slot.Node),
    handler: describeHandler(call),
    time: new Float64Array(buffer, TIME_OFFSET, 1)[0] as number,
    call: ints[Slot.Calls] as number,
  };
}
