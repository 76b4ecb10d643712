import type { ClientRequest, NodeId } from '../../src/kernel';
import type { ScenarioSetup } from '../../src/grader';
import type { CausalBroadcastRequest } from './contract';

/** A stream of broadcast requests: how many, over which stretch of time, to which nodes. */
export interface BroadcastPlan {
  count: number;
  /** Requests leave within [from, until), ms. */
  from: number;
  until: number;
  /** The nodes the requests go to, drawn uniformly; every node when left out. */
  to?: readonly NodeId[];
  /** Each request is followed `followMs` later by one to `followTo`: a reply that depends on it. */
  follow?: { to: NodeId; ms: number };
}

/** Builds a workload from plans: times and targets drawn from the seed, ids "m1", "m2"… in time order. */
export function broadcastRequests(...plans: BroadcastPlan[]): (setup: ScenarioSetup) => ClientRequest[] {
  return ({ nodes, rng }) => {
    const drawn: Array<{ at: number; to: NodeId }> = [];
    for (const plan of plans) {
      for (let i = 0; i < plan.count; i++) {
        const at = Math.round(rng.between(plan.from, plan.until));
        drawn.push({ at, to: rng.pick(plan.to ?? nodes) });
        if (plan.follow !== undefined) drawn.push({ at: at + plan.follow.ms, to: plan.follow.to });
      }
    }
    drawn.sort((a, b) => a.at - b.at);
    return drawn.map(({ at, to }, i) => {
      const msg: CausalBroadcastRequest = { type: 'broadcast', id: `m${i + 1}` };
      return { at, to, msg };
    });
  };
}
