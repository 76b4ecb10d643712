import type { ClientRequest } from '../../../src/kernel';
import type { ScenarioSetup } from '../../../src/grader';
import type { CounterMessage } from './contract';

export interface CounterPlan {
  adds: number;
  /** Adds leave the client at times drawn uniformly in [from, until), ms. */
  from: number;
  until: number;
  /** The chance that an add is negative. */
  negative: number;
  /** Each node is read every `readEvery` ms, from a start drawn per node, and once more just before the end. */
  readEvery: number;
}

/** How long before the end every node gets its last read: the reply is back before the run stops. */
export const LAST_READ_BEFORE_END_MS = 20;

type Request<T extends CounterMessage['type']> = Extract<CounterMessage, { type: T }>;

/** A scenario's workload: adds of 1 to 5 (some negative) at nodes drawn from the seed, and reads of every node all along. */
export function counterWorkload(plan: CounterPlan): (setup: ScenarioSetup) => ClientRequest[] {
  return ({ nodes, duration, rng }) => {
    const requests: ClientRequest[] = [];
    for (let i = 1; i <= plan.adds; i++) {
      const size = 1 + rng.int(5);
      const msg: Request<'Add'> = { type: 'Add', id: `a${i}`, delta: rng.chance(plan.negative) ? -size : size };
      requests.push({ at: Math.round(rng.between(plan.from, plan.until)), to: rng.pick(nodes), msg });
    }
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
