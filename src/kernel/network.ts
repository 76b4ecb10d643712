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

/** Which directed links are cut. Partitions replace each other; heal clears them. */
export class Partitions {
  private cut = new Set<string>();

  get active(): boolean {
    return this.cut.size > 0;
  }

  blocks(from: NodeId, to: NodeId): boolean {
    return this.cut.size > 0 && this.cut.has(`${from}>${to}`);
  }

  split(all: readonly NodeId[], groups: NodeId[][], oneWay: boolean): void {
    const listed = new Set(groups.flat());
    const rest = all.filter((n) => !listed.has(n));
    const withRest = rest.length > 0 ? [...groups, rest] : groups;
    this.cut = new Set();
    if (oneWay) {
      for (const a of groups[0] ?? []) for (const b of groups[1] ?? []) this.cut.add(`${a}>${b}`);
      return;
    }
    withRest.forEach((ga, i) =>
      withRest.forEach((gb, j) => {
        if (i !== j) for (const a of ga) for (const b of gb) this.cut.add(`${a}>${b}`);
      }),
    );
  }

  heal(): void {
    this.cut = new Set();
  }
}

/** Resolves each directed link's behavior once, so the hot path reads a table. */
export function resolveLinks(config: NetworkConfig, nodes: readonly NodeId[]): LinkBehavior[][] {
  return nodes.map((from) =>
    nodes.map((to) => {
      let link: LinkBehavior = { latency: config.latency, tail: config.tail, loss: config.loss, duplicate: config.duplicate };
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
