import { assertNever } from '../../kernel/assertNever';
import type { EventKind } from '../../kernel/trace';
import { arrowsOfSend, ArrowFlag } from './arrows';
import { kindOf, type DiagramModel } from './model';
import { segmentLabel, type StateSegment } from './states';

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

export function describeEvent(model: DiagramModel, i: number): EventDetails {
  const e = model.trace.event(i);
  const related: EventDetails['related'] = [];
  const d: EventDetails = {
    index: i,
    kind: e.kind,
    time: e.time,
    node: e.node,
    title: `${e.kind} on ${e.node}`,
    related,
    cluster: clusterAt(model, i),
  };
  if (e.peer !== undefined) d.peer = e.peer;
  if (e.data !== undefined) d.payload = typeof e.data === 'string' ? e.data : JSON.stringify(e.data, null, 2);
  switch (e.kind) {
    case 'send': {
      const type = model.messageTypes[model.typeOf[i] as number] ?? '';
      const fates = arrowsOfSend(model.arrows, i).map((a) => fate(model, a));
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
      d.title = `${sender} → ${receiver} ${type}: ${fate(model, a).text}`;
      if (e.kind === 'drop') d.payload = JSON.stringify(model.trace.event(send).data, null, 2);
      related.push({ label: 'sent', index: send });
      break;
    }
    case 'duplicate':
      d.title = `the network duplicated ${e.node} → ${e.peer} ${model.messageTypes[model.typeOf[i] as number] ?? ''}`;
      related.push({ label: 'sent', index: model.links[i] as number });
      break;
    case 'timer':
      d.title = `timer "${String(e.data)}" fired on ${e.node}`;
      break;
    case 'log':
      d.title = `${e.node} logged`;
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
      d.title = `${e.node} threw ${err.name} in ${err.handler}: ${err.message}`;
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
      d.title = headline(e.kind, e.node);
      break;
    default:
      assertNever(e, 'event kind');
  }
  for (const b of model.bands) {
    if (b.start === i && b.end !== -1 && b.row === model.rows[i])
      related.push({ label: `ended by ${kindOf(model, b.end)}`, index: b.end });
    if (b.end === i && b.row === model.rows[i])
      related.push({ label: `began with ${kindOf(model, b.start)}`, index: b.start });
  }
  return d;
}

/** Each node's state once event i has happened: what the handler it ran (if any) left, a crash at i. */
function clusterAt(model: DiagramModel, i: number): EventDetails['cluster'] {
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
      return { node: lane.id, state: down ? 'down' : current, down };
    });
}

/** The kinds whose title is a plain sentence about their lane. */
type Headlined = Exclude<EventKind, 'send' | 'deliver' | 'drop' | 'duplicate' | 'timer' | 'log' | 'state' | 'error'>;

function headline(kind: Headlined, node: string): string {
  switch (kind) {
    case 'start':
      return `${node} started`;
    case 'recover':
      return `${node} recovered (onRecover ran)`;
    case 'crash':
      return `${node} crashed`;
    case 'restart':
      return `${node} restarted`;
    case 'pause':
      return `${node} paused`;
    case 'resume':
      return `${node} resumed`;
    case 'partition':
      return 'the network split';
    case 'heal':
      return 'the network healed';
    case 'clock':
      return `${node}'s clock changed`;
    case 'fault':
      return 'a network fault began';
    case 'report':
      return `${node} reported`;
    case 'op':
      return `${node} recorded an operation`;
    default:
      return assertNever(kind, 'event kind');
  }
}

/** What became of one copy of a message. */
function fate(model: DiagramModel, a: number): { text: string; label: string; index: number } {
  const arrows = model.arrows;
  const flags = arrows.flags[a] as number;
  const end = arrows.end[a] as number;
  const copy = flags & ArrowFlag.Duplicate ? ' (duplicate)' : '';
  if (flags & ArrowFlag.InFlight) return { text: 'still in flight when the trace ends', label: '', index: -1 };
  const ms = fmt((arrows.t1[a] as number) - (arrows.t0[a] as number));
  if (flags & ArrowFlag.Dropped) {
    const data = model.trace.event(end).data;
    const reason = typeof data === 'string' ? data : 'lost';
    return {
      text:
        flags & ArrowFlag.LostAtSend ? `lost on the wire (${reason})${copy}` : `dropped after ${ms}: ${reason}${copy}`,
      label: `dropped${copy}`,
      index: end,
    };
  }
  return { text: `delivered after ${ms}${copy}`, label: `delivered${copy}`, index: end };
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
