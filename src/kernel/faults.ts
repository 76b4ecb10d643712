import type { NodeId } from './api';

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
   * Replaces any earlier partition.
   */
  | { kind: 'partition'; groups: NodeId[][]; oneWay?: boolean }
  | { kind: 'heal' }
  /** Steps the node's clock by `skewMs` and sets its rate to 1 + drift (drift 0.01 = 1 % fast). */
  | { kind: 'clock'; node: NodeId; skewMs?: number; drift?: number }
  /** Every message sent in the next `ms` is lost with probability `rate`. */
  | { kind: 'lossBurst'; rate: number; ms: number }
  /** Every message sent in the next `ms` takes `extraMs` longer. */
  | { kind: 'delaySpike'; extraMs: number; ms: number };

/** The fault of one kind: `FaultOf<'partition'>`. */
export type FaultOf<K extends Fault['kind']> = Extract<Fault, { kind: K }>;

/** When a fault happens: at a virtual time, or right after a node's n-th send (of a type). */
export type FaultTrigger =
  | { at: number }
  | { afterSend: { node: NodeId; count: number; type?: string } };

export type ScheduledFault = Fault & FaultTrigger;

export type FaultSchedule = ScheduledFault[];

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'crash':
      return `crash ${fault.node}`;
    case 'restart':
      return `restart ${fault.node}`;
    case 'pause':
      return `pause ${fault.node} for ${fault.ms} ms`;
    case 'partition':
      return `partition ${fault.groups.map((g) => `{${g.join(',')}}`).join(fault.oneWay ? ' -x-> ' : ' | ')}`;
    case 'heal':
      return 'heal the network';
    case 'clock':
      return `clock of ${fault.node}: step ${fault.skewMs ?? 0} ms, drift ${fault.drift ?? 0}`;
    case 'lossBurst':
      return `lose ${Math.round(fault.rate * 100)} % of messages for ${fault.ms} ms`;
    case 'delaySpike':
      return `delay messages by +${fault.extraMs} ms for ${fault.ms} ms`;
  }
}

export function describeTrigger(trigger: FaultTrigger): string {
  if ('at' in trigger) return `at ${trigger.at} ms`;
  const { node, count, type } = trigger.afterSend;
  return `after ${node}'s ${ordinal(count)} ${type ?? 'message'} send`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Checks a schedule that came from a file; returns problems naming the entry at fault. */
export function validateSchedule(schedule: unknown, nodes: readonly NodeId[]): string[] {
  if (!Array.isArray(schedule)) return ['a fault schedule must be a JSON array'];
  const problems: string[] = [];
  const known = new Set(nodes);
  const checkNode = (i: number, node: unknown): void => {
    if (typeof node !== 'string' || !known.has(node)) problems.push(`fault #${i}: unknown node ${JSON.stringify(node)} (nodes: ${nodes.join(', ')})`);
  };
  // A missing number would become NaN in virtual time and silently stall the run.
  const checkNumber = (i: number, what: string, field: string, value: unknown, min = 0): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) problems.push(`fault #${i}: ${what} needs "${field}", a number ≥ ${min}`);
  };
  schedule.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`fault #${i}: not an object`);
      return;
    }
    const f = entry as Record<string, unknown>;
    if (typeof f.at !== 'number' && typeof f.afterSend !== 'object') problems.push(`fault #${i}: needs "at" (ms) or "afterSend"`);
    if (typeof f.at === 'number') checkNumber(i, 'the trigger', 'at', f.at);
    if (typeof f.afterSend === 'object' && f.afterSend !== null) {
      const trigger = f.afterSend as Record<string, unknown>;
      checkNode(i, trigger.node);
      checkNumber(i, 'afterSend', 'count', trigger.count, 1);
    }
    switch (f.kind) {
      case 'crash':
      case 'restart':
      case 'clock':
        checkNode(i, f.node);
        break;
      case 'pause':
        checkNode(i, f.node);
        checkNumber(i, 'pause', 'ms', f.ms);
        break;
      case 'partition':
        if (!Array.isArray(f.groups)) problems.push(`fault #${i}: partition needs "groups"`);
        else if (!f.groups.every(Array.isArray)) problems.push(`fault #${i}: partition groups must be lists of nodes, e.g. [["n1"], ["n2", "n3"]]`);
        else for (const g of f.groups as unknown[][]) for (const n of g) checkNode(i, n);
        break;
      case 'heal':
        break;
      case 'lossBurst':
        checkNumber(i, 'lossBurst', 'rate', f.rate);
        checkNumber(i, 'lossBurst', 'ms', f.ms);
        break;
      case 'delaySpike':
        checkNumber(i, 'delaySpike', 'extraMs', f.extraMs);
        checkNumber(i, 'delaySpike', 'ms', f.ms);
        break;
      default:
        problems.push(`fault #${i}: unknown kind ${JSON.stringify(f.kind)}`);
    }
  });
  return problems;
}
