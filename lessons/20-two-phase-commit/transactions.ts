import { hashString, type ClientRequest, type NodeId, type Random } from '../../src/kernel';
import type { ScenarioSetup } from '../../src/grader';
import type { TwoPhaseCommitMessage } from './contract';

/** The coordinator is always n1; every other node is a participant. */
export const COORDINATOR: NodeId = 'n1';

export function participantsOf(nodes: readonly NodeId[]): NodeId[] {
  return nodes.filter((n) => n !== COORDINATOR);
}

/**
 * Whether `node` can commit `tx`: a pure function of the two names, so the context a node sees
 * and the checkers that judge it agree without sharing any state. Scenarios choose transaction
 * names to get the votes they want (see `transactions`).
 */
export function canCommitFor(tx: string, node: NodeId): boolean {
  return hashString(`${tx}@${node}`) % 4 !== 0;
}

/** Who refuses a transaction: nobody, one participant drawn from the seed, or a named one. */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the two words are the values that name no node
export type Refusal = 'nobody' | 'someone' | NodeId;

export interface TransactionPlan {
  count: number;
  /** When the first Begin leaves the client, ms. */
  firstAt: number;
  /** Time between two Begins, drawn uniformly, ms. */
  gap: { min: number; max: number };
  /** Chance that a transaction not listed in `forced` has one refusing participant. */
  refusal: number;
  /** Refusals fixed by the scenario, by transaction number (1-based). */
  forced?: Record<number, Refusal>;
  /** The client sends each Begin again this many times, `retryMs` apart (a client that retries). */
  retries?: number;
  retryMs?: number;
}

/** Builds a scenario's workload: Begins to the coordinator, with transaction names that fix the votes. */
export function transactions(plan: TransactionPlan): (setup: ScenarioSetup) => ClientRequest[] {
  return ({ nodes, rng }) => {
    const participants = participantsOf(nodes);
    const requests: ClientRequest[] = [];
    let at = plan.firstAt;
    for (let i = 1; i <= plan.count; i++) {
      if (i > 1) at += Math.round(rng.between(plan.gap.min, plan.gap.max));
      const refusal = plan.forced?.[i] ?? (rng.chance(plan.refusal) ? 'someone' : 'nobody');
      const refuser = refusal === 'nobody' ? undefined : refusal === 'someone' ? rng.pick(participants) : refusal;
      const tx = nameTransaction(i, refuser, participants, rng);
      const begin: Extract<TwoPhaseCommitMessage, { type: 'Begin' }> = { type: 'Begin', tx };
      for (let r = 0; r <= (plan.retries ?? 0); r++)
        requests.push({ at: at + r * (plan.retryMs ?? 0), to: COORDINATOR, msg: begin });
    }
    return requests;
  };
}

/** "t3-k7": the first name from a seeded start whose votes are exactly the wanted ones. */
function nameTransaction(i: number, refuser: NodeId | undefined, participants: readonly NodeId[], rng: Random): string {
  const space = 36 * 36;
  const start = rng.int(space);
  for (let k = 0; k < space; k++) {
    const tx = `t${i}-${((start + k) % space).toString(36).padStart(2, '0')}`;
    if (participants.every((p) => canCommitFor(tx, p) === (p !== refuser))) return tx;
  }
  throw new Error(`no name for transaction ${i} with refuser ${refuser ?? 'nobody'}`);
}
