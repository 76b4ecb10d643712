import type { NodeId } from './api';
import type { Fault } from './faults';

export type FaultKind = Fault['kind'];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

/**
 * The world operations every fault is made of; the simulation implements them. `cause` is the
 * fault as scheduled, which the trace records whole.
 */
export interface FaultTarget {
  crash(node: NodeId): void;
  restart(node: NodeId): void;
  pause(node: NodeId, ms: number): void;
  partition(groups: NodeId[][], oneWay: boolean, cause: FaultOf<'partition'>): void;
  heal(): void;
  adjustClock(node: NodeId, skewMs: number, drift: number | undefined, cause: FaultOf<'clock'>): void;
  lossWindow(rate: number, ms: number, cause: FaultOf<'lossBurst'>): void;
  delayWindow(extraMs: number, ms: number, cause: FaultOf<'delaySpike'>): void;
}

/** Everything the code base knows about one kind of fault, in one place. */
export interface FaultKindSpec<F extends Fault> {
  /** The fault in words: "pause n3 for 200 ms". */
  describe(fault: F): string;
  /**
   * What is wrong with a schedule entry of this kind, read from JSON, so nothing in it is trusted
   * yet. Each problem names the field; the caller says which entry.
   */
  validate(entry: Readonly<Record<string, unknown>>, nodes: readonly NodeId[]): string[];
  apply(fault: F, target: FaultTarget): void;
}

/** A fault kind missing here, or one too many, fails to compile. */
export const faultKinds: { readonly [K in FaultKind]: FaultKindSpec<FaultOf<K>> } = {
  crash: {
    describe: (f) => `crash ${f.node}`,
    validate: (f, nodes) => nodeProblems(f.node, nodes),
    apply: (f, target) => target.crash(f.node),
  },
  restart: {
    describe: (f) => `restart ${f.node}`,
    validate: (f, nodes) => nodeProblems(f.node, nodes),
    apply: (f, target) => target.restart(f.node),
  },
  pause: {
    describe: (f) => `pause ${f.node} for ${f.ms} ms`,
    validate: (f, nodes) => [...nodeProblems(f.node, nodes), ...numberProblems('pause', 'ms', f.ms)],
    apply: (f, target) => target.pause(f.node, f.ms),
  },
  partition: {
    describe: (f) => `partition ${f.groups.map((g) => `{${g.join(',')}}`).join(f.oneWay ? ' -x-> ' : ' | ')}`,
    validate: (f, nodes) => {
      if (!Array.isArray(f.groups)) return ['partition needs "groups"'];
      if (!f.groups.every(Array.isArray)) return ['partition groups must be lists of nodes, e.g. [["n1"], ["n2", "n3"]]'];
      return (f.groups as unknown[][]).flatMap((group) => group.flatMap((node) => nodeProblems(node, nodes)));
    },
    apply: (f, target) => target.partition(f.groups, f.oneWay === true, f),
  },
  heal: {
    describe: () => 'heal the network',
    validate: () => [],
    apply: (_f, target) => target.heal(),
  },
  clock: {
    describe: (f) => `clock of ${f.node}: step ${f.skewMs ?? 0} ms, drift ${f.drift ?? 0}`,
    validate: (f, nodes) => nodeProblems(f.node, nodes),
    apply: (f, target) => target.adjustClock(f.node, f.skewMs ?? 0, f.drift, f),
  },
  lossBurst: {
    describe: (f) => `lose ${Math.round(f.rate * 100)} % of messages for ${f.ms} ms`,
    validate: (f) => [...numberProblems('lossBurst', 'rate', f.rate), ...numberProblems('lossBurst', 'ms', f.ms)],
    apply: (f, target) => target.lossWindow(f.rate, f.ms, f),
  },
  delaySpike: {
    describe: (f) => `delay messages by +${f.extraMs} ms for ${f.ms} ms`,
    validate: (f) => [...numberProblems('delaySpike', 'extraMs', f.extraMs), ...numberProblems('delaySpike', 'ms', f.ms)],
    apply: (f, target) => target.delayWindow(f.extraMs, f.ms, f),
  },
};

/** The table's entry for a fault's kind, typed for that kind. */
export function faultKind<K extends FaultKind>(fault: FaultOf<K>): FaultKindSpec<FaultOf<K>> {
  return faultKinds[fault.kind];
}

export function isFaultKind(kind: unknown): kind is FaultKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(faultKinds, kind);
}

export function nodeProblems(node: unknown, nodes: readonly NodeId[]): string[] {
  return typeof node === 'string' && nodes.includes(node) ? [] : [`unknown node ${JSON.stringify(node)} (nodes: ${nodes.join(', ')})`];
}

/** A missing number would become NaN in virtual time and silently stall the run. */
export function numberProblems(what: string, field: string, value: unknown, min = 0): string[] {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? [] : [`${what} needs "${field}", a number ≥ ${min}`];
}
