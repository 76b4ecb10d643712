import { ClusterTimeline } from '../../grader/checkers/timeline';
import type { NodeId } from '../../kernel/api';
import type { FaultEffect, FaultOf } from '../../kernel/faultKinds';
import { describeFault } from '../../kernel/faults';
import { partitionSides } from '../../kernel/network';
import { NETWORK, type Trace } from '../../kernel/trace';
import { NETWORK_ROW, type EventColumns, type Lane } from './columns';

export type BandKind = FaultEffect;

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

/** The periods of the grader's cluster timeline, drawn: checkers and diagram agree on every fault. */
export function buildBands(trace: Trace, c: EventColumns, lanes: readonly Lane[]): Band[] {
  const timeline = new ClusterTimeline(trace).advanceTo(c.endTime);
  const rowOf = new Map(lanes.map((l) => [l.id, l.row]));
  return timeline.periods.flatMap((p) => {
    const band: Band = {
      kind: p.effect,
      row: rowOf.get(p.lane) ?? NETWORK_ROW,
      t0: p.from,
      t1: Math.min(p.until, c.endTime),
      start: p.start,
      end: p.end,
      label: p.lane === NETWORK ? describeFault(p.fault) : p.effect,
    };
    return p.fault.kind === 'partition' ? [band, ...sideBands(p.fault, band, timeline.nodes, rowOf)] : [band];
  });
}

/** Each node's side of a partition; nodes named in no group form one more side. */
function sideBands(
  fault: FaultOf<'partition'>,
  network: Band,
  nodes: readonly NodeId[],
  rowOf: ReadonlyMap<NodeId, number>,
): Band[] {
  const sides = fault.oneWay ? fault.groups : partitionSides(nodes, fault.groups, fault.bridge);
  return sides.flatMap((side, s) => {
    const label = fault.oneWay
      ? s === 0
        ? 'outbound cut'
        : s === 1
          ? 'inbound cut'
          : ''
      : `side ${String.fromCharCode(65 + s)}`;
    return side.flatMap((id) => {
      const row = rowOf.get(id);
      return row === undefined || label === '' ? [] : [{ ...network, row, label, side: s }];
    });
  });
}
