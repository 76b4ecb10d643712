import {
  checkLinearizability,
  casRegisterModel,
  DEFAULT_BUDGET,
  kvModel,
  type HistoryOperation,
  type LinearizabilityVerdict,
  type Model,
} from '../src/grader/linearizability';
import { etcdWorkload, jepsenHistory, kvWorkload, withChangedRead } from './jepsenHistories';
import { formatTable, heading, median, ms } from './table';

interface Row {
  name: string;
  model: Model;
  histories: HistoryOperation[][];
  expected: LinearizabilityVerdict;
  /** Times each history is checked; the median counts. */
  repeats: number;
  /** Porcupine's time for a history of this shape, on its authors' histories (not run here). */
  porcupineMs?: number;
}

/**
 * Checks histories shaped like Jepsen's etcd register tests and Porcupine's kv tests, linearizable
 * and not. Each history is checked REPEATS times (the median counts), and so is the floor it is
 * compared with: one pass of the model over the operations in invoke order, no search.
 */
export function measureLinearizability(): string {
  const rows: Row[] = [
    etcdRow('etcd register, 5 clients, 170 ops', 'linearizable', 4),
    etcdRow('etcd register, one read changed', 'not-linearizable'),
    kvRow('kv, 10 clients, 2,000 ops', 10, 2_000, 'linearizable'),
    kvRow('kv, 10 clients, one get changed', 10, 2_000, 'not-linearizable'),
    kvRow('kv, 50 clients, 2,000 ops', 50, 2_000, 'linearizable', 119),
    kvRow('kv, 50 clients, one get changed', 50, 2_000, 'not-linearizable', 18),
    kvRow('kv, 20 clients, 2,000 ops', 20, 2_000, 'linearizable'),
    kvRow('kv, 20 clients, one get changed', 20, 2_000, 'not-linearizable'),
    kvRow('kv, 10 clients, 20,000 ops', 10, 20_000, 'linearizable'),
  ];
  let met = true;
  const table = rows.map((row) => {
    const checks: number[] = [];
    const ratios: number[] = [];
    let steps = 0;
    const verdicts = new Map<LinearizabilityVerdict, number>();
    for (const history of row.histories) {
      let verdict: LinearizabilityVerdict = 'unknown';
      const time = timed(row.repeats, () => {
        const result = checkLinearizability(row.model, history);
        // Unknown is an honest answer; the opposite of what the history was built to be is a bug.
        if (result.verdict !== row.expected && result.verdict !== 'unknown')
          throw new Error(
            `${row.name}: expected ${row.expected}, the checker says ${result.verdict}: ${result.summary}`,
          );
        verdict = result.verdict;
        steps = Math.max(steps, result.steps);
      });
      verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
      checks.push(time);
      ratios.push(time / timed(row.repeats, () => replay(row.model, history)));
    }
    const perHistory = median(checks);
    const reference = row.porcupineMs;
    if (reference !== undefined && perHistory > 1.5 * reference) met = false;
    return [
      row.name,
      [...verdicts].map(([verdict, count]) => `${count} ${verdict}`).join(', '),
      ms(perHistory),
      ms(Math.max(...checks)),
      `${median(ratios).toFixed(0)}×`,
      steps.toLocaleString('en-US'),
      reference === undefined ? '' : `${ms(reference)} (${(perHistory / reference).toFixed(2)}×)`,
    ];
  });
  return [
    heading('Linearizability: histories shaped like Jepsen etcd and Porcupine kv tests'),
    `etcd histories checked 3 times each (median), kv ones once, with the default budget of ${DEFAULT_BUDGET.toLocaleString('en-US')} steps; "of the floor": against one pass of the model over the history in the same run, no search.`,
    'Porcupine (Go): the figures its authors give for their histories of that shape, on a comparable machine; not run here.',
    formatTable(
      ['histories', 'verdicts', 'median per history', 'slowest', 'of the floor', 'most steps', 'Porcupine'],
      table,
    ),
    `target: within 1.5× of Porcupine where it has a figure -> ${met ? 'met' : 'NOT met'}`,
  ].join('\n');
}

function etcdRow(name: string, expected: LinearizabilityVerdict, porcupineMs?: number): Row {
  const histories = Array.from({ length: 50 }, (_, seed) => jepsenHistory(seed + 1, etcdWorkload(170)));
  return {
    name,
    model: casRegisterModel,
    expected,
    repeats: 3,
    porcupineMs,
    histories: expected === 'linearizable' ? histories : histories.map((h) => withChangedRead(h, 0)),
  };
}

function kvRow(
  name: string,
  clients: number,
  operations: number,
  expected: LinearizabilityVerdict,
  porcupineMs?: number,
): Row {
  const count = 2;
  const histories = Array.from({ length: count }, (_, seed) =>
    jepsenHistory(seed + 1, kvWorkload(clients, operations)),
  );
  return {
    name,
    model: kvModel,
    expected,
    repeats: 1,
    porcupineMs,
    histories: expected === 'linearizable' ? histories : histories.map((h) => withChangedRead(h, 0)),
  };
}

function timed(repeats: number, run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The floor: the model applied once to every operation, in invoke order, per partition. */
function replay(model: Model, history: readonly HistoryOperation[]): void {
  const states = new Map<string, unknown>();
  for (const op of history) {
    if (op.outcome === 'fail') continue;
    const key = (op.value as { key?: string } | null)?.key ?? '';
    const state = states.has(key) ? states.get(key) : model.init();
    states.set(key, model.step(state, op.f, op.value, op.result).next);
  }
}
