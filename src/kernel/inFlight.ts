import type { NodeId } from './api';
import { Ev, type EventId } from './events';
import { sessionInternals, type Session } from './session';

/** One copy of a message on the wire: sent, neither delivered nor dropped yet. */
export interface InFlightCopy {
  /** The pending delivery's id: what a deliver, drop or duplicate choice names. */
  event: EventId;
  /** The trace index of its send (-1 when the run is not traced); a duplicated message has two copies of one send. */
  send: number;
  from: NodeId;
  to: NodeId;
  /** Virtual time it is due; a copy for a paused process waits for its resume. */
  due: number;
}

/**
 * Every message copy the session's network holds, by send order: what a live view draws in
 * flight. Read from the pending deliveries, not from the trace, so a second copy waiting behind a
 * delivered one, and a copy held for a paused process, are there too.
 */
export function messagesInFlight(session: Session): InFlightCopy[] {
  const { world, scheduler } = sessionInternals(session);
  const out: InFlightCopy[] = [];
  for (const ev of scheduler.entries) {
    if (ev.kind !== Ev.Deliver) continue;
    out.push({
      event: ev.seq,
      send: ev.link,
      from: world.lanes[ev.from] as NodeId,
      to: world.lanes[ev.node] as NodeId,
      due: ev.time,
    });
  }
  return out.sort((a, b) => a.send - b.send || a.due - b.due || a.event - b.event);
}
