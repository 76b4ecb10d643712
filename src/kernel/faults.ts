import type { NodeId } from './api';
import { faultKind, faultKinds, isFaultKind, nodeProblems, numberProblems } from './faultKinds';

/**
 * Faults are data: a JSON-serializable schedule. The same schedule and seed replay the same run,
 * and a failing run's schedule can be saved, shared, shrunk and replayed.
 */
export type Fault =
  | { kind: 'crash'; node: NodeId }
  | { kind: 'restart'; node: NodeId }
  /** The process stops for `ms` while the world goes on (a GC pause, a stalled VM). */
  | { kind: 'pause'; node: NodeId; ms: number }
  /**
   * Splits the cluster: messages between different groups are lost. Nodes listed in no group
   * form one more group together. `oneWay`: only messages from groups[0] to groups[1] are lost.
   * `bridge`: a node in no group that every group still reaches (Jepsen's bridge: two majorities
   * that overlap in one node). Replaces any earlier partition.
   */
  | { kind: 'partition'; groups: NodeId[][]; oneWay?: boolean; bridge?: NodeId }
  | { kind: 'heal' }
  /** Steps the node's clock by `skewMs` and sets its rate to 1 + drift (drift 0.01 = 1 % fast). */
  | { kind: 'clock'; node: NodeId; skewMs?: number; drift?: number }
  /** Every message sent in the next `ms` is lost with probability `rate`. */
  | { kind: 'lossBurst'; rate: number; ms: number }
  /** Every message sent in the next `ms` takes `extraMs` longer. */
  | { kind: 'delaySpike'; extraMs: number; ms: number }
  /** Every message sent in the next `ms` is delivered twice with probability `rate`. */
  | { kind: 'duplicateBurst'; rate: number; ms: number };

/** The fault of one kind: `FaultOf<'partition'>`. */
export type FaultOf<K extends Fault['kind']> = Extract<Fault, { kind: K }>;

/** When a fault happens: at a virtual time, or right after a node's n-th send (of a type). */
export type FaultTrigger = { at: number } | { afterSend: { node: NodeId; count: number; type?: string } };

export type ScheduledFault = Fault & FaultTrigger;

export type FaultSchedule = ScheduledFault[];

export function describeFault(fault: Fault): string {
  return faultKind(fault).describe(fault);
}

export function describeTrigger(trigger: FaultTrigger): string {
  if ('at' in trigger) return `at ${trigger.at} ms`;
  const { node, count, type } = trigger.afterSend;
  return `after ${node}'s ${ordinal(count)} ${type ?? 'message'} send`;
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

/** Checks a schedule that came from a file or an exercise; returns problems naming the entry at fault. */
export function validateSchedule(schedule: unknown, nodes: readonly NodeId[]): string[] {
  if (!Array.isArray(schedule)) return ['a fault schedule must be a JSON array'];
  return schedule.flatMap((entry: unknown, i) =>
    faultProblems(entry, nodes).map((problem) => `fault #${i}: ${problem}`),
  );
}

/** What is wrong with one schedule entry, its trigger and its fault. */
export function faultProblems(entry: unknown, nodes: readonly NodeId[]): string[] {
  if (typeof entry !== 'object' || entry === null) return ['not an object'];
  const f = entry as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof f.at !== 'number' && typeof f.afterSend !== 'object') problems.push('needs "at" (ms) or "afterSend"');
  if (typeof f.at === 'number') problems.push(...numberProblems('the trigger', 'at', f.at));
  if (typeof f.afterSend === 'object' && f.afterSend !== null) {
    const trigger = f.afterSend as Record<string, unknown>;
    problems.push(...nodeProblems(trigger.node, nodes), ...numberProblems('afterSend', 'count', trigger.count, 1));
  }
  problems.push(
    ...(isFaultKind(f.kind) ? faultKinds[f.kind].validate(f, nodes) : [`unknown kind ${JSON.stringify(f.kind)}`]),
  );
  return problems;
}
