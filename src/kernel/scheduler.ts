import type { Fault } from './faults';
import type { Message } from './api';
import { EventQueue } from './eventQueue';
import { type Ev, SimEvent, type EventId } from './events';
import type { TimerSlot } from './processSlot';

/**
 * The pending events and the choice of the next one. Time order is the default: the earliest
 * (time, seq) runs next, which is what makes a run a function of its seed. The other way is
 * a chosen order: the caller takes any enabled event by its id (a step debugger, a model checker).
 */
export class Scheduler {
  private readonly queue = new EventQueue<SimEvent>();
  /** Handled entries, ready for reuse: the queue then allocates nothing in a steady state. */
  private readonly spare: SimEvent[] = [];

  schedule(
    time: number,
    kind: Ev,
    node: number,
    from: number,
    msg: Message | undefined,
    link: number,
    timer: TimerSlot | undefined,
    token: number,
    fault: Fault | undefined,
  ): void {
    const ev = this.spare.pop() ?? new SimEvent();
    ev.time = time;
    ev.kind = kind;
    ev.node = node;
    ev.from = from;
    ev.msg = msg;
    ev.link = link;
    ev.timer = timer;
    ev.token = token;
    ev.fault = fault;
    ev.keyHash = 0;
    this.queue.push(ev);
  }

  /** Time order: the earliest entry's time, Infinity when nothing is pending. */
  peekTime(): number {
    return this.queue.peekTime();
  }

  /** Time order: takes the earliest entry. The caller has checked there is one. */
  next(): SimEvent {
    return this.queue.pop() as SimEvent;
  }

  /** Chosen order: takes the entry of that id, if it is still pending. */
  take(id: EventId): SimEvent | undefined {
    return this.queue.take(id);
  }

  /** Every pending entry, in no particular order; entries are reused, so callers copy what they keep. */
  get entries(): readonly SimEvent[] {
    return this.queue.entries;
  }

  /** A handled entry goes back to the pool, holding no message, timer or fault. */
  recycle(ev: SimEvent): void {
    ev.msg = undefined;
    ev.timer = undefined;
    ev.fault = undefined;
    this.spare.push(ev);
  }
}
