import type { Fault, FaultSchedule, NodeId, Random, ScheduledFault } from '../kernel';
import type { ScenarioSetup } from './exercise';

/**
 * Generated fault schedules, Jepsen's nemesis drawn VOPR-style from the seed. Hand-picked
 * scenarios strike one chosen point; a generated family strikes anywhere, in combinations no one
 * thought to write. Swarm testing: each run enables a random subset of the fault kinds at a random
 * intensity, so rare combinations (every node down at once, a one-way cut during a crash) come up
 * often enough to be found. Faults happen inside the fault window; at its end everything heals —
 * partitions, crashed nodes — and the run goes on for a heal window in which liveness must hold.
 * The result is plain fault JSON: shrunk, saved and replayed like any schedule.
 */

export const nemesisKinds = [
  'crash',
  'pause',
  'partition',
  'isolate',
  'one-way',
  'bridge',
  'loss',
  'duplicate',
  'delay',
  'clock-step',
  'clock-drift',
] as const;
export type NemesisKind = (typeof nemesisKinds)[number];

export interface NemesisPlan {
  /** The fault window, virtual ms: faults start at or after `from` and end by `until`, when everything heals. */
  from: number;
  until: number;
  /** The kinds a run may draw from; swarm testing enables a random non-empty subset of them. */
  kinds: readonly NemesisKind[];
  /** Mean time between two faults, ms; each run scales it by a factor drawn in [0.3, 2). */
  meanGapMs: number;
}

/** A drawn schedule and the swarm choices behind it (what a report can name). */
export interface NemesisDraw {
  faults: FaultSchedule;
  enabled: NemesisKind[];
  gapMs: number;
}

/** Draws one schedule for `nodes` from `rng`. Same plan, nodes and stream → same schedule. */
export function drawNemesis(plan: NemesisPlan, nodes: readonly NodeId[], rng: Random): NemesisDraw {
  const enabled = plan.kinds.filter(() => rng.chance(0.5));
  if (enabled.length === 0) enabled.push(rng.pick(plan.kinds));
  const gapMs = Math.round(plan.meanGapMs * rng.between(0.3, 2));
  const draw = new ScheduleDraw(plan, nodes, rng, gapMs);
  for (
    let at = plan.from + Math.round(rng.between(0, gapMs));
    at < plan.until;
    at += Math.max(1, Math.round(gapMs * rng.between(0.2, 1.8)))
  ) {
    draw.strike(rng.pick(enabled), at);
  }
  return { faults: draw.finish(), enabled, gapMs };
}

/** A scenario's `faults`: one schedule drawn per seed, from the scenario's own stream. */
export function generatedFaults(plan: NemesisPlan): (setup: ScenarioSetup) => FaultSchedule {
  return ({ nodes, rng }) => drawNemesis(plan, nodes, rng).faults;
}

class ScheduleDraw {
  private readonly faults: ScheduledFault[] = [];
  private readonly crashed = new Set<NodeId>();

  constructor(
    private readonly plan: NemesisPlan,
    private readonly nodes: readonly NodeId[],
    private readonly rng: Random,
    private readonly gapMs: number,
  ) {}

  strike(kind: NemesisKind, at: number): void {
    const { rng, nodes } = this;
    switch (kind) {
      case 'crash':
        return this.crash(at);
      case 'pause':
        return this.push({ at, kind: 'pause', node: rng.pick(nodes), ms: this.lasting(at) });
      case 'partition':
        return this.cut(at, { kind: 'partition', groups: [this.someNodes(1, nodes.length - 1)] });
      case 'isolate':
        return this.cut(at, { kind: 'partition', groups: [[rng.pick(nodes)]] });
      case 'one-way': {
        const from = this.someNodes(1, nodes.length - 1);
        return this.cut(at, {
          kind: 'partition',
          groups: [from, nodes.filter((n) => !from.includes(n))],
          oneWay: true,
        });
      }
      case 'bridge':
        return this.bridge(at);
      case 'loss':
        return this.push({ at, kind: 'lossBurst', rate: round2(rng.between(0.2, 0.95)), ms: this.lasting(at) });
      case 'duplicate':
        return this.push({ at, kind: 'duplicateBurst', rate: round2(rng.between(0.2, 1)), ms: this.lasting(at) });
      case 'delay':
        return this.push({ at, kind: 'delaySpike', extraMs: Math.round(rng.between(10, 300)), ms: this.lasting(at) });
      case 'clock-step': {
        const step = Math.round(rng.between(100, 5000));
        return this.push({ at, kind: 'clock', node: rng.pick(nodes), skewMs: rng.chance(0.5) ? step : -step });
      }
      case 'clock-drift':
        return this.push({ at, kind: 'clock', node: rng.pick(nodes), drift: round2(rng.between(-0.1, 0.1)) });
    }
  }

  /** Everything heals at the end of the fault window: the network, and every node a crash took down. */
  finish(): FaultSchedule {
    const end = this.plan.until;
    this.push({ at: end, kind: 'heal' });
    for (const node of this.nodes) if (this.crashed.has(node)) this.push({ at: end, kind: 'restart', node });
    // Stable: faults at one instant keep the order they were drawn in, which the kernel follows.
    return this.faults
      .map((f, i) => ({ f, i }))
      .sort((a, b) => time(a.f) - time(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }

  /** A subset of the nodes goes down — sometimes all of them — and each comes back after its own downtime. */
  private crash(at: number): void {
    const { rng, nodes } = this;
    const victims = rng.chance(0.2) ? [...nodes] : this.someNodes(1, nodes.length - 1);
    for (const node of victims) {
      this.push({ at, kind: 'crash', node });
      this.crashed.add(node);
      const back = at + Math.round(rng.between(20, 2 * this.gapMs));
      if (back < this.plan.until) this.push({ at: back, kind: 'restart', node });
    }
  }

  /** Two sides that cannot reach each other, and one node both still reach (needs three nodes). */
  private bridge(at: number): void {
    const { rng, nodes } = this;
    if (nodes.length < 3) return this.cut(at, { kind: 'partition', groups: [[rng.pick(nodes)]] });
    const bridge = rng.pick(nodes);
    const others = nodes.filter((n) => n !== bridge);
    const side = someOf(others, 1, others.length - 1, rng);
    this.cut(at, { kind: 'partition', groups: [side, others.filter((n) => !side.includes(n))], bridge });
  }

  /** A partition, healed after a while unless the end of the window heals it first. */
  private cut(at: number, fault: Extract<Fault, { kind: 'partition' }>): void {
    this.push({ at, ...fault });
    const healAt = at + this.lasting(at);
    if (healAt < this.plan.until) this.push({ at: healAt, kind: 'heal' });
  }

  /** How long a fault starting at `at` lasts: drawn around the gap, clipped to the fault window. */
  private lasting(at: number): number {
    return Math.max(1, Math.min(Math.round(this.rng.between(20, 2 * this.gapMs)), this.plan.until - at));
  }

  /** Between `min` and `max` distinct nodes, drawn uniformly. */
  private someNodes(min: number, max: number): NodeId[] {
    return someOf(this.nodes, min, max, this.rng);
  }

  private push(fault: ScheduledFault): void {
    this.faults.push(fault);
  }
}

/** Between `min` and `max` distinct members of `from`, drawn uniformly. */
function someOf(from: readonly NodeId[], min: number, max: number, rng: Random): NodeId[] {
  const pool = [...from];
  const count = min + rng.int(Math.max(1, max - min + 1));
  const picked: NodeId[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(rng.int(pool.length), 1)[0] as NodeId);
  return picked;
}

function time(f: ScheduledFault): number {
  return 'at' in f ? f.at : 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
