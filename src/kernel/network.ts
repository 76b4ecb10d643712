import type { NodeId } from './api';
import type { Random } from './prng';

/** How one link behaves. Latency is uniform in [min, max]; `tail` adds rare long delays. */
export interface LinkBehavior {
  latency: { min: number; max: number };
  /** With probability `p`, a message takes an extra uniform [min, max] ms (a long delay). */
  tail?: { p: number; min: number; max: number };
  loss: number;
  duplicate: number;
}

export interface NetworkConfig extends LinkBehavior {
  /** Per-link overrides; a missing `from`/`to` matches every node. */
  links?: Array<{ from?: NodeId; to?: NodeId } & Partial<LinkBehavior>>;
}

export const reliableNetwork: NetworkConfig = { latency: { min: 1, max: 5 }, loss: 0, duplicate: 0 };

/**
 * Which directed links are cut, as a lane × lane matrix: a send tests one byte, and while no
 * partition is active it tests nothing. Partitions replace each other; heal clears them.
 */
export class Partitions {
  private readonly cut: Uint8Array;
  private readonly width: number;
  private readonly laneIndex: ReadonlyMap<NodeId, number>;
  private active = false;

  constructor(lanes: readonly NodeId[]) {
    this.width = lanes.length;
    this.cut = new Uint8Array(lanes.length * lanes.length);
    this.laneIndex = new Map(lanes.map((id, i) => [id, i]));
  }

  /** By lane index: the simulation's hot path. */
  blocks(from: number, to: number): boolean {
    return this.active && this.cut[from * this.width + to] === 1;
  }

  /** By name, for readers replaying a trace; a name that is no lane is never cut. */
  blocksByName(from: NodeId, to: NodeId): boolean {
    const a = this.laneIndex.get(from);
    const b = this.laneIndex.get(to);
    return a !== undefined && b !== undefined && this.blocks(a, b);
  }

  split(all: readonly NodeId[], { groups, oneWay, bridge }: PartitionShape): void {
    const withRest = partitionSides(all, groups, bridge);
    this.heal();
    if (oneWay === true) {
      for (const a of groups[0] ?? []) for (const b of groups[1] ?? []) this.cutLink(a, b);
      return;
    }
    withRest.forEach((ga, i) =>
      withRest.forEach((gb, j) => {
        if (i !== j) for (const a of ga) for (const b of gb) this.cutLink(a, b);
      }),
    );
  }

  heal(): void {
    this.cut.fill(0);
    this.active = false;
  }

  /** A name that is no lane cuts nothing: no message can travel on its links anyway. */
  private cutLink(from: NodeId, to: NodeId): void {
    const a = this.laneIndex.get(from);
    const b = this.laneIndex.get(to);
    if (a === undefined || b === undefined) return;
    this.cut[a * this.width + b] = 1;
    this.active = true;
  }
}

/** What a partition fault says about who can reach whom. */
export interface PartitionShape {
  groups: NodeId[][];
  oneWay?: boolean;
  bridge?: NodeId;
}

/** The sides of a partition: its groups, and the nodes listed in none of them (the bridge aside) as one more. */
export function partitionSides(all: readonly NodeId[], groups: NodeId[][], bridge?: NodeId): NodeId[][] {
  const listed = new Set(groups.flat());
  if (bridge !== undefined) listed.add(bridge);
  const rest = all.filter((n) => !listed.has(n));
  return rest.length > 0 ? [...groups, rest] : groups;
}

/** Resolves each directed link's behavior once, so the hot path reads a table. */
export function resolveLinks(config: NetworkConfig, nodes: readonly NodeId[]): LinkBehavior[][] {
  return nodes.map((from) =>
    nodes.map((to) => {
      let link: LinkBehavior = {
        latency: config.latency,
        tail: config.tail,
        loss: config.loss,
        duplicate: config.duplicate,
      };
      for (const o of config.links ?? []) {
        if ((o.from === undefined || o.from === from) && (o.to === undefined || o.to === to)) {
          link = { ...link, ...stripEnds(o) };
        }
      }
      return link;
    }),
  );
}

function stripEnds(o: { from?: NodeId; to?: NodeId } & Partial<LinkBehavior>): Partial<LinkBehavior> {
  const { from: _from, to: _to, ...rest } = o;
  return rest;
}

export function drawLatency(link: LinkBehavior, rng: Random): number {
  let ms = rng.between(link.latency.min, link.latency.max);
  if (link.tail && rng.chance(link.tail.p)) ms += rng.between(link.tail.min, link.tail.max);
  return ms;
}
