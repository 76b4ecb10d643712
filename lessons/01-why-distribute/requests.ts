import type { ClientRequest, NodeId } from '../../src/kernel';
import type { ScenarioSetup } from '../../src/grader';
import type { UniqueIdsMessage } from './contract';

/** A stream of `generate` requests: how many, over which stretch of time, to which nodes. */
export interface RequestPlan {
  count: number;
  /** The first and last request leave within [from, until), ms. */
  from: number;
  until: number;
  /** The nodes the requests go to, drawn uniformly; every node when left out. */
  to?: readonly NodeId[];
  /** Requests leave in bursts of this many at one instant, to one node (1 when left out). */
  burst?: number;
}

/** Builds a workload from plans: request times and targets drawn from the seed, msgIds numbered in time order. */
export function generateRequests(...plans: RequestPlan[]): (setup: ScenarioSetup) => ClientRequest[] {
  return ({ nodes, rng }) => {
    const drawn: Array<{ at: number; to: NodeId }> = [];
    for (const plan of plans) {
      const targets = plan.to ?? nodes;
      const burst = plan.burst ?? 1;
      for (let i = 0; i < plan.count; i += burst) {
        const at = Math.round(rng.between(plan.from, plan.until));
        const to = rng.pick(targets);
        for (let k = 0; k < Math.min(burst, plan.count - i); k++) drawn.push({ at, to });
      }
    }
    drawn.sort((a, b) => a.at - b.at);
    return drawn.map(({ at, to }, i) => {
      const msg: Extract<UniqueIdsMessage, { type: 'generate' }> = { type: 'generate', msgId: i + 1 };
      return { at, to, msg };
    });
  };
}
