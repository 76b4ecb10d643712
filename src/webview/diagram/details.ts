import { assertNever } from '../../kernel/assertNever';
import type { EventKind } from '../../kernel/trace';
import { arrowsOfSend, ArrowFlag } from './arrows';
import { kindOf, type DiagramModel } from './model';
import { segmentLabel, type StateSegment } from './states';
import { eventStrings, type EventStrings } from './strings';

/** What the details panel shows for a selected event. */
export interface EventDetails {
  index: number;
  kind: EventKind;
  time: number;
  node: string;
  peer?: string;
  /** One line: "n1 → n3 RequestVote, delivered after 4 ms". */
  title: string;
  /** The payload (message, state, report, fault), pretty-printed JSON; or the log line. */
  payload?: string;
  /** Events this one belongs with (its send, its delivery, the restart that ended a crash…). */
  related: Array<{ label: string; index: number }>;
  /** Every node at that moment: its state (role, term…), or down. */
  cluster: Array<{ node: string; state: string; down: boolean }>;
}

export function describeEvent(model: DiagramModel, i: number, text: EventStrings = eventStrings.en): EventDetails {
  const e = model.trace.event(i);
  const related: EventDetails['related'] = [];
  const d: EventDetails = {
    index: i,
    kind: e.kind,
    time: e.time,
    node: e.node,
    title: text.onNode(e.kind, e.node),
    related,
    cluster: clusterAt(model, i, text),
  };
  if (e.peer !== undefined) d.peer = e.peer;
  if (e.data !== undefined) d.payload = typeof e.data === 'string' ? e.data : JSON.stringify(e.data, null, 2);
  switch (e.kind) {
    case 'send': {
      const type = model.messageTypes[model.typeOf[i] as number] ?? '';
      const fates = arrowsOfSend(model.arrows, i).map((a) => fate(model, a, text));
      d.title = `${e.node} → ${e.peer} ${type}: ${fates.map((f) => f.text).join(', ')}`;
      for (const f of fates) if (f.index !== -1) related.push({ label: f.label, index: f.index });
      break;
    }
    case 'deliver':
    case 'drop': {
      const send = model.links[i] as number;
      const a = model.arrows.ofEvent[i] as number;
      const type = model.messageTypes[model.typeOf[i] as number] ?? '';
      const sender = model.lanes[model.rows[send] as number]?.id ?? '?';
      const receiver = e.kind === 'deliver' ? e.node : e.peer === sender ? e.node : e.peer;
      d.title = `${sender} → ${receiver} ${type}: ${fate(model, a, text).text}`;
      if (e.kind === 'drop') d.payload = JSON.stringify(model.trace.event(send).data, null, 2);
      related.push({ label: text.sent, index: send });
      break;
    }
    case 'duplicate':
      d.title = text.duplicated(e.node, e.peer ?? '?', model.messageTypes[model.typeOf[i] as number] ?? '');
      related.push({ label: text.sent, index: model.links[i] as number });
      break;
    case 'timer':
      d.title = text.timerFired(String(e.data), e.node);
      break;
    case 'log':
      d.title = text.logged(e.node);
      break;
    case 'state': {
      const row = model.rows[i] as number;
      const segments = model.states.byRow[row] ?? [];
      const k = segments.findIndex((seg) => seg.event === i);
      const before = segments[k - 1];
      const now = segmentLabel(model.states, (segments[k] as StateSegment).values);
      d.title =
        before && before.t1 === e.time
          ? `${e.node}: ${segmentLabel(model.states, before.values)} → ${now}`
          : `${e.node}: ${now}`;
      break;
    }
    case 'error': {
      const err = e.data;
      d.title = text.threw(e.node, err.name, err.handler, err.message);
      d.payload = err.stack;
      break;
    }
    case 'start':
    case 'recover':
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
    case 'partition':
    case 'heal':
    case 'clock':
    case 'fault':
    case 'report':
    case 'op':
      d.title = text.headline[e.kind](e.node);
      break;
    default:
      assertNever(e, 'event kind');
  }
  for (const b of model.bands) {
    if (b.start === i && b.end !== -1 && b.row === model.rows[i])
      related.push({ label: text.endedBy(kindOf(model, b.end)), index: b.end });
    if (b.end === i && b.row === model.rows[i])
      related.push({ label: text.beganWith(kindOf(model, b.start)), index: b.start });
  }
  return d;
}

/** Each node's state once event i has happened: what the handler it ran (if any) left, a crash at i. */
function clusterAt(model: DiagramModel, i: number, text: EventStrings): EventDetails['cluster'] {
  const t = model.times[i] as number;
  return model.lanes
    .filter((lane) => !lane.network)
    .map((lane) => {
      // A band or segment that starts at t started with an event at or before i only if its event is ≤ i.
      const down = model.bands.some(
        (b) => b.kind === 'down' && b.row === lane.row && b.start <= i && (b.end === -1 || b.end > i),
      );
      const segment = (model.states.byRow[lane.row] ?? []).filter((seg) => seg.from <= i && seg.t0 <= t).pop();
      const current =
        segment !== undefined && !down && segment.t1 >= t ? segmentLabel(model.states, segment.values) : '';
      return { node: lane.id, state: down ? text.down : current, down };
    });
}

/** What became of one copy of a message. */
function fate(model: DiagramModel, a: number, text: EventStrings): { text: string; label: string; index: number } {
  const arrows = model.arrows;
  const flags = arrows.flags[a] as number;
  const end = arrows.end[a] as number;
  const copy = (flags & ArrowFlag.Duplicate) !== 0;
  if (flags & ArrowFlag.InFlight) {
    const due = arrows.due[a] as number;
    return { text: Number.isNaN(due) ? text.inFlight : text.inFlightDue(fmt(due), copy), label: '', index: -1 };
  }
  const ms = fmt((arrows.t1[a] as number) - (arrows.t0[a] as number));
  if (flags & ArrowFlag.Dropped) {
    const data = model.trace.event(end).data;
    const reason = typeof data === 'string' ? data : text.lost;
    return {
      text: flags & ArrowFlag.LostAtSend ? text.lostOnWire(reason, copy) : text.droppedAfter(ms, reason, copy),
      label: text.dropped(copy),
      index: end,
    };
  }
  return { text: text.deliveredAfter(ms, copy), label: text.delivered(copy), index: end };
}

/** "4 ms", "1.25 ms": times as the trace viewer prints them. */
export function fmt(ms: number): string {
  return `${Number.isInteger(ms) ? ms : Number(ms.toFixed(ms < 10 ? 2 : 1))} ms`;
}

/** A short label for a marker on its lane: a timer's name, a log line, a report. */
export function markerLabel(model: DiagramModel, i: number): string {
  const e = model.trace.event(i);
  switch (e.kind) {
    case 'start':
    case 'recover':
    case 'duplicate':
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
    case 'heal':
      return e.kind;
    case 'timer':
    case 'log':
    case 'drop':
      return e.data;
    case 'error':
      return `${e.data.name}: ${e.data.message}`;
    case 'op': {
      const { type, f, value } = e.data;
      return `${type} ${f}${value === null ? '' : ` ${JSON.stringify(value)}`}`;
    }
    case 'clock': {
      const { skewMs, drift } = e.data;
      return `clock ${skewMs ? `${skewMs > 0 ? '+' : ''}${skewMs} ms` : ''}${drift ? ` drift ${drift}` : ''}`.trim();
    }
    case 'send':
    case 'deliver':
    case 'partition':
    case 'fault':
    case 'state':
    case 'report':
      return compactJson(e.data);
    default:
      return assertNever(e, 'event kind');
  }
}

/** {"a":1} → "a=1": reports read better without JSON punctuation. */
function compactJson(data: object): string {
  return Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** Longest payload line a tooltip shows; the details pane has the rest. */
const TOOLTIP_PAYLOAD_CHARS = 140;

/**
 * What hovering an event shows: when and what, then its payload on one line —
 * `type=RequestVote term=3 candidateId=n2` — so a message is told apart without clicking it.
 */
export function tooltipText(d: Pick<EventDetails, 'time' | 'title' | 'payload'>): string {
  const head = `${Number(d.time.toFixed(2))} ms · ${d.title}`;
  if (d.payload === undefined || d.payload === '') return head;
  const line = compactPayload(d.payload);
  return `${head}\n${line.length > TOOLTIP_PAYLOAD_CHARS ? `${line.slice(0, TOOLTIP_PAYLOAD_CHARS - 1)}…` : line}`;
}

function compactPayload(payload: string): string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    // A log line, or a stack: its first line says what it is.
    return payload.split('\n')[0] ?? '';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value);
  return Object.entries(value)
    .map(([key, v]) => `${key}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
