import type { Instrumentation, NodeId, Random } from '../../src/kernel';
import type { ScenarioProcess, ScenarioSetup } from '../../src/grader';
import type { KvOperation } from './contract';

export const CLIENT_ROLE = 'client';

/** The clients of a scenario: "c1" … "cN". */
export function clientProcesses(count: number): ScenarioProcess[] {
  return Array.from({ length: count }, (_, i) => ({ id: `c${i + 1}`, role: CLIENT_ROLE }));
}

export interface WorkloadPlan {
  /** Operations each client is given, one after another. */
  operations: number;
  keys: readonly string[];
}

/** What a client's `nextOperation()` reports on its lane when it hands out an operation. */
export interface GivenReport {
  given: KvOperation;
  /** 1 for the client's first operation. */
  number: number;
}

/**
 * The value a put or append writes: unique in the run and bracketed, so a read shows each write
 * it holds, and how many times ("[c2.3]" is c2's third operation).
 */
export function tokenOf(client: NodeId, number: number): string {
  return `[${client}.${number}]`;
}

/**
 * A scenario's instrumentation: each client's operations drawn from the seed (half appends, a
 * third gets, the rest puts, on a few keys), handed out one at a time by `nextOperation()`, each
 * reported on the client's lane as it is handed out.
 */
export function kvWorkload(plan: WorkloadPlan): (setup: ScenarioSetup) => Instrumentation {
  return ({ rng }) => {
    const drawn = new Map<NodeId, KvOperation[]>();
    const operationsOf = (client: NodeId): KvOperation[] => {
      let list = drawn.get(client);
      if (list === undefined) drawn.set(client, (list = drawOperations(client, plan, rng)));
      return list;
    };
    return handingOut(operationsOf);
  };
}

/** Each client's operations fixed in advance ("c1" → its list), handed out as `kvWorkload`'s are. */
export function givenOperations(operations: Readonly<Record<NodeId, readonly KvOperation[]>>): Instrumentation {
  return handingOut((client) => operations[client] ?? []);
}

/** `nextOperation()` for each client: its operations one at a time, each reported on its lane as it is handed out. */
function handingOut(operationsOf: (client: NodeId) => readonly KvOperation[]): Instrumentation {
  return {
    extendContext(node, report, _nodes, role, _show, memory) {
      const operations = role === CLIENT_ROLE ? operationsOf(node) : [];
      return {
        nextOperation(): KvOperation | undefined {
          // Counted where a copy of the process keeps it, from 0 at each boot.
          const handedOut = typeof memory.handedOut === 'number' ? memory.handedOut : 0;
          const op = operations[handedOut];
          if (op === undefined) return undefined;
          memory.handedOut = handedOut + 1;
          const given: GivenReport = { given: op, number: handedOut + 1 };
          report({ ...given });
          return op;
        },
      };
    },
  };
}

function drawOperations(client: NodeId, plan: WorkloadPlan, rng: Random): KvOperation[] {
  return Array.from({ length: plan.operations }, (_, i): KvOperation => {
    const key = rng.pick(plan.keys);
    const roll = rng.next();
    if (roll < 0.5) return { f: 'append', key, value: tokenOf(client, i + 1) };
    if (roll < 0.83) return { f: 'get', key };
    return { f: 'put', key, value: tokenOf(client, i + 1) };
  });
}
