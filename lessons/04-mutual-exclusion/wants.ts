import type { ClientRequest, NodeId } from '../../src/kernel';
import type { ScenarioSetup } from '../../src/grader';
import type { RicartAgrawalaMessage } from './contract';

type Want = Extract<RicartAgrawalaMessage, { type: 'want' }>;

/** Wants from the client: how many, over which stretch of time, to which nodes, held how long. */
export interface WantPlan {
  count: number;
  /** Each want leaves within [from, until), ms. */
  from: number;
  until: number;
  /** The nodes they go to, drawn uniformly; every node when left out. */
  to?: readonly NodeId[];
  /** Each want leaves together with this many more, to other nodes (0 when left out): contention. */
  together?: number;
  holdMs: { min: number; max: number };
}

/** A fixed want: one node, one moment. */
export function wantAt(at: number, to: NodeId, holdMs: number): ClientRequest {
  const msg: Want = { type: 'want', holdMs };
  return { at, to, msg };
}

/** Builds a workload from plans, times, nodes and hold times drawn from the seed. */
export function generateWants(...plans: WantPlan[]): (setup: ScenarioSetup) => ClientRequest[] {
  return ({ nodes, rng }) => {
    const wants: ClientRequest[] = [];
    for (const plan of plans) {
      const targets = plan.to ?? nodes;
      for (let i = 0; i < plan.count; i++) {
        const at = Math.round(rng.between(plan.from, plan.until));
        const left = [...targets];
        for (let k = 0; k <= (plan.together ?? 0) && left.length > 0; k++) {
          const to = left.splice(rng.int(left.length), 1)[0] as NodeId;
          wants.push(wantAt(at, to, Math.round(rng.between(plan.holdMs.min, plan.holdMs.max))));
        }
      }
    }
    return wants.sort((a, b) => a.at - b.at);
  };
}
