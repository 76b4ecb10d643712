import type { NodeId } from '../../kernel/api';
import type { FaultSchedule, ScheduledFault } from '../../kernel/faults';

/** What the student does to the running cluster by hand; each becomes one fault of the run's schedule. */
export type BenchAction =
  | { kind: 'crash'; node: NodeId }
  | { kind: 'restart'; node: NodeId }
  | { kind: 'pause'; node: NodeId; ms: number }
  /** Groups that no longer reach each other; nodes in no group form one more. */
  | { kind: 'partition'; groups: NodeId[][] }
  /** Messages from `from` to `to` are lost; the other way still works. */
  | { kind: 'cut'; from: NodeId; to: NodeId }
  | { kind: 'heal' }
  /** The loss rate (0–1) of every message from now on. */
  | { kind: 'loss'; rate: number }
  /** The share of messages (0–1) delivered twice from now on. */
  | { kind: 'duplicate'; rate: number }
  /** Extra latency on every message from now on, ms. */
  | { kind: 'latency'; extraMs: number }
  /** Steps the node's clock by `skewMs` (back when negative). */
  | { kind: 'clock'; node: NodeId; skewMs: number };

/**
 * The fault an action is, struck at virtual time `at` in a run of `duration` ms. A network setting
 * holds for the rest of the run: a burst as long as what is left of it (a later one replaces it).
 */
export function faultOf(action: BenchAction, at: number, duration: number): ScheduledFault {
  const rest = Math.max(1, Math.ceil(duration - at));
  switch (action.kind) {
    case 'crash':
      return { at, kind: 'crash', node: action.node };
    case 'restart':
      return { at, kind: 'restart', node: action.node };
    case 'pause':
      return { at, kind: 'pause', node: action.node, ms: action.ms };
    case 'partition':
      return { at, kind: 'partition', groups: action.groups.map((g) => [...g]) };
    case 'cut':
      return { at, kind: 'partition', groups: [[action.from], [action.to]], oneWay: true };
    case 'heal':
      return { at, kind: 'heal' };
    case 'loss':
      return { at, kind: 'lossBurst', rate: action.rate, ms: rest };
    case 'duplicate':
      return { at, kind: 'duplicateBurst', rate: action.rate, ms: rest };
    case 'latency':
      return { at, kind: 'delaySpike', extraMs: action.extraMs, ms: rest };
    case 'clock':
      return { at, kind: 'clock', node: action.node, skewMs: action.skewMs };
  }
}

/**
 * The schedule with the action appended at `at`: the run is replayed from the start with it, so
 * the same seed gives the same run up to `at` and the fault strikes there. The bench's clock only
 * goes forward, so appending keeps the schedule in time order; whole milliseconds keep it readable.
 */
export function withAction(schedule: FaultSchedule, action: BenchAction, at: number, duration: number): FaultSchedule {
  return [...schedule, faultOf(action, Math.floor(at), duration)];
}

/**
 * Which group each node is in, picked by clicks: a click moves a node to the next group (none,
 * A, B, C, none…). The groups, in order, with the empty ones left out.
 */
export function nextGroup(current: number | undefined, count = 3): number | undefined {
  if (current === undefined) return 0;
  return current + 1 < count ? current + 1 : undefined;
}

export function groupsOf(picked: ReadonlyMap<NodeId, number>, count = 3): NodeId[][] {
  const groups: NodeId[][] = Array.from({ length: count }, () => []);
  for (const [node, g] of picked) groups[g]?.push(node);
  return groups.filter((g) => g.length > 0);
}
