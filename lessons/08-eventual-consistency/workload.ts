import type { ClientRequest, NodeId } from '../../src/kernel';
import type { ScenarioSetup } from '../../src/grader';
import type { BroadcastMessage } from './contract';

export interface BroadcastPlan {
  broadcasts: number;
  /** Broadcasts leave the client at times drawn uniformly in [from, until), ms. */
  from: number;
  until: number;
  /** Each node is read every `readEvery` ms, from a start drawn per node, and once more just before the end. */
  readEvery: number;
  /** Only these nodes receive broadcasts (default: every node). */
  to?: (nodes: readonly NodeId[]) => readonly NodeId[];
}

/** How long before the end every node gets its last read: the reply is back before the run stops. */
export const LAST_READ_BEFORE_END_MS = 20;

type Request<T extends BroadcastMessage['type']> = Extract<BroadcastMessage, { type: T }>;

/**
 * A scenario's workload: broadcasts of distinct values to nodes drawn from the seed, and reads of
 * every node all along, so the checkers see what each node holds and when it got it.
 */
export function broadcastWorkload(plan: BroadcastPlan): (setup: ScenarioSetup) => ClientRequest[] {
  return ({ nodes, duration, rng }) => {
    const requests: ClientRequest[] = [];
    const targets = plan.to?.(nodes) ?? nodes;
    const values = distinctValues(plan.broadcasts, () => 1 + rng.int(9999));
    values.forEach((value, i) => {
      const msg: Request<'Broadcast'> = { type: 'Broadcast', id: `b${i + 1}`, value };
      requests.push({ at: Math.round(rng.between(plan.from, plan.until)), to: rng.pick(targets), msg });
    });
    const lastRead = duration - LAST_READ_BEFORE_END_MS;
    for (const node of nodes) {
      let k = 0;
      const read = (at: number): void => {
        const msg: Request<'Read'> = { type: 'Read', id: `r-${node}-${++k}` };
        requests.push({ at, to: node, msg });
      };
      for (let at = Math.round(rng.between(1, plan.readEvery)); at < lastRead; at += plan.readEvery) read(at);
      read(lastRead);
    }
    return requests.sort((a, b) => a.at - b.at);
  };
}

function distinctValues(count: number, draw: () => number): number[] {
  const seen = new Set<number>();
  while (seen.size < count) seen.add(draw());
  return [...seen];
}
