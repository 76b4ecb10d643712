import type { Message, NodeId } from './api';
import type { Fault, ScheduledFault } from './faults';
import { CLIENT } from './runSpec';
import type { TimerSlot } from './processSlot';

/** What a queue entry does when it runs. */
export const enum Ev {
  Start,
  Deliver,
  Timer,
  Fault,
  Resume,
  ClientSend,
}

/** One queue entry; a single shape keeps the hot loop monomorphic. Entries are reused once handled. */
export class SimEvent {
  seq = 0;
  time = 0;
  kind = Ev.Deliver;
  node = -1;
  from = -1;
  msg: Message | undefined = undefined;
  link = -1;
  timer: TimerSlot | undefined = undefined;
  /** A timer event fires only while its timer still holds this token. */
  token = 0;
  fault: Fault | undefined = undefined;
  /** This entry's part of a chosen run's state hash, once computed (0: not yet); see stateKey.ts. */
  keyHash = 0;

  /** The same entry, for a forked run's queue; `timer` replaces the original's. */
  copy(timer: TimerSlot | undefined): SimEvent {
    const copy = new SimEvent();
    copy.seq = this.seq;
    copy.time = this.time;
    copy.kind = this.kind;
    copy.node = this.node;
    copy.from = this.from;
    copy.msg = this.msg;
    copy.link = this.link;
    copy.timer = timer;
    copy.token = this.token;
    copy.fault = this.fault;
    copy.keyHash = this.keyHash;
    return copy;
  }
}

/** Names a pending event; an event that is deferred (its process is paused) comes back under a new id. */
export type EventId = number;

export type PendingKind = 'start' | 'deliver' | 'timer' | 'fault' | 'resume' | 'client-send';

/** A pending event as plain data: a copy, so it stays valid while the run goes on. */
export interface PendingEvent {
  id: EventId;
  kind: PendingKind;
  /** Virtual time it is due. A chosen step may run it later (time never goes back), never earlier. */
  time: number;
  /** The process it happens at (for a client-send, the client lane); absent for a network fault. */
  node?: NodeId;
  /** deliver: the sender. */
  from?: NodeId;
  /** client-send: the node the request goes to. */
  to?: NodeId;
  /** deliver, client-send: the message (frozen) and its type. */
  message?: Message;
  type?: string;
  timer?: string;
  fault?: ScheduledFault;
}

const pendingKinds: readonly PendingKind[] = ['start', 'deliver', 'timer', 'fault', 'resume', 'client-send'];

export function describeEvent(ev: SimEvent, lanes: readonly NodeId[]): PendingEvent {
  const e: PendingEvent = { id: ev.seq, kind: pendingKinds[ev.kind] as PendingKind, time: ev.time };
  switch (ev.kind) {
    case Ev.Deliver:
      e.node = lanes[ev.node];
      e.from = lanes[ev.from];
      break;
    case Ev.ClientSend:
      e.node = CLIENT;
      e.to = lanes[ev.node];
      break;
    case Ev.Timer:
      e.node = lanes[ev.node];
      e.timer = (ev.timer as TimerSlot).name;
      break;
    case Ev.Fault: {
      const fault = ev.fault as ScheduledFault;
      e.fault = fault;
      if ('node' in fault) e.node = fault.node;
      break;
    }
    default:
      e.node = lanes[ev.node];
  }
  if (ev.msg !== undefined) {
    e.message = ev.msg;
    e.type = ev.msg.type;
  }
  return e;
}
