import type { NodeId } from '../../kernel/api';
import { describeFault, type Fault } from '../../kernel/faults';
import type { Trace } from '../../kernel/trace';
import { KIND, NETWORK_ROW, type EventColumns } from './columns';

export type BandKind = 'down' | 'paused' | 'partition' | 'lossBurst' | 'delaySpike';

/**
 * A stretch of time something was wrong: a node down (crash → restart) or paused, the network
 * split, lossy or slow. Partitions have one band on the network lane and one per node lane
 * saying which side of the split the node was on.
 */
export interface Band {
  kind: BandKind;
  row: number;
  t0: number;
  t1: number;
  /** The event that began it. */
  start: number;
  /** The event that ended it; -1 when it ran out on its own or lasted to the end of the trace. */
  end: number;
  label: string;
  /** For a node's partition band: its side, 0 = the first group. */
  side?: number;
}

interface Lane {
  row: number;
  id: NodeId;
  network: boolean;
}

export function buildBands(trace: Trace, c: EventColumns, lanes: readonly Lane[]): Band[] {
  const bands: Band[] = [];
  const down = new Map<number, Band>();
  const paused = new Map<number, { band: Band; until: number }>();
  let partition: Band[] = [];
  const windows: Partial<Record<'lossBurst' | 'delaySpike', Band>> = {};
  const close = (band: Band, t: number, end: number): void => {
    band.t1 = t;
    band.end = end;
  };
  const endPause = (row: number, t: number, end: number): void => {
    const p = paused.get(row);
    if (p === undefined) return;
    close(p.band, Math.min(t, p.until), end);
    paused.delete(row);
  };
  const open = (band: Omit<Band, 't1' | 'end'>): Band => {
    const b: Band = { ...band, t1: c.endTime, end: -1 };
    bands.push(b);
    return b;
  };
  for (let i = 0; i < c.count; i++) {
    const k = c.kinds[i];
    const t = c.times[i] as number;
    const row = c.rows[i] as number;
    const e = k === KIND.pause || k === KIND.partition || k === KIND.fault ? trace.event(i) : undefined;
    switch (k) {
      case KIND.crash:
        endPause(row, t, i);
        if (!down.has(row)) down.set(row, open({ kind: 'down', row, t0: t, start: i, label: 'down' }));
        break;
      case KIND.restart: {
        const band = down.get(row);
        if (band) close(band, t, i);
        down.delete(row);
        break;
      }
      case KIND.pause: {
        const ms = e?.kind === 'pause' ? e.data.ms : 0;
        const p = paused.get(row);
        // A pause inside a longer one changes nothing; a longer one moves the resume.
        if (p) p.until = Math.max(p.until, t + ms);
        else paused.set(row, { band: open({ kind: 'paused', row, t0: t, start: i, label: 'paused' }), until: t + ms });
        break;
      }
      case KIND.resume:
        endPause(row, t, i);
        break;
      case KIND.partition:
      case KIND.heal:
        for (const b of partition) close(b, t, i);
        partition = e?.kind === 'partition' ? openPartition(e.data, i, t, lanes, open) : [];
        break;
      case KIND.fault: {
        if (e?.kind !== 'fault') break;
        const fault = e.data;
        // A new window replaces the one before, as in the network.
        const previous = windows[fault.kind];
        if (previous && previous.t1 > t) close(previous, t, i);
        const band = open({ kind: fault.kind, row: NETWORK_ROW, t0: t, start: i, label: describeFault(fault) });
        band.t1 = t + fault.ms;
        windows[fault.kind] = band;
        break;
      }
    }
  }
  for (const p of paused.values()) p.band.t1 = Math.min(p.until, c.endTime);
  return bands;
}

/** The network band and each node's side; nodes named in no group form one more side. */
function openPartition(fault: Extract<Fault, { kind: 'partition' }>, start: number, t: number, lanes: readonly Lane[], open: (b: Omit<Band, 't1' | 'end'>) => Band): Band[] {
  const listed = new Set(fault.groups.flat());
  const rest = lanes.filter((l) => !l.network && !listed.has(l.id)).map((l) => l.id);
  const sides = fault.oneWay || rest.length === 0 ? fault.groups : [...fault.groups, rest];
  const out = [open({ kind: 'partition', row: NETWORK_ROW, t0: t, start, label: describeFault(fault) })];
  sides.forEach((side, s) => {
    const label = fault.oneWay ? (s === 0 ? 'outbound cut' : s === 1 ? 'inbound cut' : '') : `side ${String.fromCharCode(65 + s)}`;
    for (const id of side) {
      const lane = lanes.find((l) => l.id === id);
      if (lane && label !== '') out.push(open({ kind: 'partition', row: lane.row, t0: t, start, label, side: s }));
    }
  });
  return out;
}
