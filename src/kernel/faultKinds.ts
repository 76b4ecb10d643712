import type { NodeId } from './api';
import { assertNever } from './assertNever';
import type { Fault, FaultOf } from './faults';
import { NETWORK, type EventKind, type TraceEvent } from './trace';

export type FaultKind = Fault['kind'];
export type { FaultOf };

/**
 * The world operations every fault is made of; the simulation's world implements them. Those that
 * take the whole fault record it whole in the trace, as scheduled.
 */
export interface FaultTarget {
  crash(node: NodeId): void;
  restart(node: NodeId): void;
  pause(node: NodeId, ms: number): void;
  partition(fault: FaultOf<'partition'>): void;
  heal(): void;
  adjustClock(fault: FaultOf<'clock'>): void;
  lossWindow(fault: FaultOf<'lossBurst'>): void;
  delayWindow(fault: FaultOf<'delaySpike'>): void;
  duplicateWindow(fault: FaultOf<'duplicateBurst'>): void;
}

/** A lasting condition a fault puts a node or the network in. */
export type FaultEffect = 'down' | 'paused' | 'partition' | 'lossBurst' | 'delaySpike' | 'duplicateBurst';

/**
 * What a fault that struck at `at` does over time, for whatever replays a trace (timelines,
 * diagrams). A fault that starts a condition already in force on its lane, and does not end it,
 * extends it to the later end (a pause inside a longer one changes nothing).
 */
export interface FaultWindow {
  /** The node it strikes, or NETWORK. */
  lane: NodeId;
  /** The condition it starts there; a clock step, a restart and a heal start none. */
  starts?: FaultEffect;
  /**
   * When that condition runs out by itself: at + ms for a pause, a loss burst or a delay spike;
   * Infinity when only a later fault ends it (a crash until the restart, a partition until the heal);
   * `at` when it starts none.
   */
  until: number;
  /** Conditions on the same lane it ends at once, before starting its own. */
  ends: readonly FaultEffect[];
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
  window(fault: F, at: number): FaultWindow;
  /** The kind of trace event that records it, when it took effect. */
  recordedAs: EventKind;
}

/** A fault kind missing here, or one too many, fails to compile. */
export const faultKinds: { readonly [K in FaultKind]: FaultKindSpec<FaultOf<K>> } = {
  crash: {
    describe: (f) => `crash ${f.node}`,
    validate: (f, nodes) => nodeProblems(f.node, nodes),
    apply: (f, target) => target.crash(f.node),
    // A crash ends a pause: the process it paused is gone.
    window: (f) => ({ lane: f.node, starts: 'down', until: Infinity, ends: ['paused'] }),
    recordedAs: 'crash',
  },
  restart: {
    describe: (f) => `restart ${f.node}`,
    validate: (f, nodes) => nodeProblems(f.node, nodes),
    apply: (f, target) => target.restart(f.node),
    window: (f, at) => ({ lane: f.node, until: at, ends: ['down'] }),
    recordedAs: 'restart',
  },
  pause: {
    describe: (f) => `pause ${f.node} for ${f.ms} ms`,
    validate: (f, nodes) => [...nodeProblems(f.node, nodes), ...numberProblems('pause', 'ms', f.ms)],
    apply: (f, target) => target.pause(f.node, f.ms),
    window: (f, at) => ({ lane: f.node, starts: 'paused', until: at + f.ms, ends: [] }),
    recordedAs: 'pause',
  },
  partition: {
    describe: (f) =>
      `partition ${f.groups.map((g) => `{${g.join(',')}}`).join(f.oneWay ? ' -x-> ' : ' | ')}` +
      (f.bridge === undefined ? '' : `, bridged by ${f.bridge}`),
    validate: (f, nodes) => {
      if (!Array.isArray(f.groups)) return ['partition needs "groups"'];
      if (!f.groups.every(Array.isArray))
        return ['partition groups must be lists of nodes, e.g. [["n1"], ["n2", "n3"]]'];
      const groups = f.groups as unknown[][];
      const problems = groups.flatMap((group) => group.flatMap((node) => nodeProblems(node, nodes)));
      if (f.bridge === undefined) return problems;
      if (f.oneWay === true) problems.push('a one-way partition cannot have a "bridge"');
      if (groups.some((group) => group.includes(f.bridge))) problems.push('the "bridge" must be in no group');
      return [...problems, ...nodeProblems(f.bridge, nodes)];
    },
    apply: (f, target) => target.partition(f),
    // A partition replaces the one before.
    window: () => ({ lane: NETWORK, starts: 'partition', until: Infinity, ends: ['partition'] }),
    recordedAs: 'partition',
  },
  heal: {
    describe: () => 'heal the network',
    validate: () => [],
    apply: (_f, target) => target.heal(),
    window: (_f, at) => ({ lane: NETWORK, until: at, ends: ['partition'] }),
    recordedAs: 'heal',
  },
  clock: {
    describe: (f) => `clock of ${f.node}: step ${f.skewMs ?? 0} ms, drift ${f.drift ?? 0}`,
    validate: (f, nodes) => nodeProblems(f.node, nodes),
    apply: (f, target) => target.adjustClock(f),
    // A step, and a new rate from then on: nothing that runs out later.
    window: (f, at) => ({ lane: f.node, until: at, ends: [] }),
    recordedAs: 'clock',
  },
  lossBurst: {
    describe: (f) => `lose ${Math.round(f.rate * 100)} % of messages for ${f.ms} ms`,
    validate: (f) => [...numberProblems('lossBurst', 'rate', f.rate), ...numberProblems('lossBurst', 'ms', f.ms)],
    apply: (f, target) => target.lossWindow(f),
    // A new burst replaces the one before, as the network keeps one loss window.
    window: (f, at) => ({ lane: NETWORK, starts: 'lossBurst', until: at + f.ms, ends: ['lossBurst'] }),
    recordedAs: 'fault',
  },
  delaySpike: {
    describe: (f) => `delay messages by +${f.extraMs} ms for ${f.ms} ms`,
    validate: (f) => [
      ...numberProblems('delaySpike', 'extraMs', f.extraMs),
      ...numberProblems('delaySpike', 'ms', f.ms),
    ],
    apply: (f, target) => target.delayWindow(f),
    window: (f, at) => ({ lane: NETWORK, starts: 'delaySpike', until: at + f.ms, ends: ['delaySpike'] }),
    recordedAs: 'fault',
  },
  duplicateBurst: {
    describe: (f) => `deliver ${Math.round(f.rate * 100)} % of messages twice for ${f.ms} ms`,
    validate: (f) => [
      ...numberProblems('duplicateBurst', 'rate', f.rate),
      ...numberProblems('duplicateBurst', 'ms', f.ms),
    ],
    apply: (f, target) => target.duplicateWindow(f),
    window: (f, at) => ({ lane: NETWORK, starts: 'duplicateBurst', until: at + f.ms, ends: ['duplicateBurst'] }),
    recordedAs: 'fault',
  },
};

/** The table's entry for a fault's kind, typed for that kind. */
export function faultKind<K extends FaultKind>(fault: FaultOf<K>): FaultKindSpec<FaultOf<K>> {
  return faultKinds[fault.kind];
}

/** The kinds of trace event that record a fault. */
export const faultEvents: ReadonlySet<EventKind> = new Set(Object.values(faultKinds).map((k) => k.recordedAs));

/** The fault a trace event records, if it records one: what took effect, read back. */
export function recordedFault(e: TraceEvent): Fault | undefined {
  switch (e.kind) {
    case 'crash':
    case 'restart':
      return { kind: e.kind, node: e.node };
    case 'pause':
      return { kind: 'pause', node: e.node, ms: e.data.ms };
    case 'heal':
      return { kind: 'heal' };
    case 'partition':
    case 'clock':
    case 'fault':
      return e.data;
    case 'start':
    case 'recover':
    case 'send':
    case 'deliver':
    case 'drop':
    case 'duplicate':
    case 'timer':
    case 'resume':
    case 'log':
    case 'state':
    case 'report':
    case 'error':
    case 'op':
      return undefined;
    default:
      return assertNever(e, 'event kind');
  }
}

export function isFaultKind(kind: unknown): kind is FaultKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(faultKinds, kind);
}

export function nodeProblems(node: unknown, nodes: readonly NodeId[]): string[] {
  return typeof node === 'string' && nodes.includes(node)
    ? []
    : [`unknown node ${JSON.stringify(node)} (nodes: ${nodes.join(', ')})`];
}

/** A missing number would become NaN in virtual time and silently stall the run. */
export function numberProblems(what: string, field: string, value: unknown, min = 0): string[] {
  return typeof value === 'number' && Number.isFinite(value) && value >= min
    ? []
    : [`${what} needs "${field}", a number ≥ ${min}`];
}
