import type { Random } from '../../../src/kernel/prng';
import {
  UNKNOWN,
  type HistoryOperation,
  type KvState,
  type KvValue,
  type Model,
} from '../../../src/grader/linearizability';

/** An operation that completed: `ok(process, f, value, [invoke, complete], result)`. */
export function ok(
  process: string,
  f: string,
  value: unknown,
  [invoke, complete]: [number, number],
  result: unknown = value,
): HistoryOperation {
  return { process, f, value, outcome: 'ok', invoke, complete, result };
}

/** An operation whose outcome nobody knows: it may take effect at any time after `invoke`, or never. */
export function info(process: string, f: string, value: unknown, invoke: number): HistoryOperation {
  return { process, f, value, outcome: 'info', invoke };
}

export function fail(
  process: string,
  f: string,
  value: unknown,
  [invoke, complete]: [number, number],
): HistoryOperation {
  return { process, f, value, outcome: 'fail', invoke, complete };
}

/**
 * The definition, by exhaustion: some order of the operations — every `ok` one, and any of those
 * whose outcome is unknown — respects real time (an operation that completed before another was
 * invoked comes first) and gives every `ok` operation its result. Exponential: tiny histories only.
 */
export function linearizableByBruteForce<S>(model: Model<S>, history: readonly HistoryOperation[]): boolean {
  const ops = history.filter((op) => op.outcome !== 'fail');
  const known = (op: HistoryOperation): boolean => op.outcome === 'ok';
  const placed = ops.map(() => false);
  const mayGoNext = (i: number): boolean =>
    ops.every(
      (q, j) => j === i || placed[j] || !known(q) || (q.complete as number) >= (ops[i] as HistoryOperation).invoke,
    );
  const search = (state: S): boolean => {
    if (ops.every((op, i) => placed[i] || !known(op))) return true;
    for (let i = 0; i < ops.length; i++) {
      if (placed[i] || !mayGoNext(i)) continue;
      const op = ops[i] as HistoryOperation;
      const { ok: fits, next } = model.step(state, op.f, op.value, known(op) ? op.result : UNKNOWN);
      if (!fits) continue;
      placed[i] = true;
      if (search(next)) return true;
      placed[i] = false;
    }
    return false;
  };
  return search(model.init());
}

/** The kv model over the whole store, one map of keys: brute force with no partitioning. */
export function wholeStore(kv: Model<KvState>): Model<ReadonlyMap<string, KvState>> {
  return {
    name: 'whole kv store',
    init: () => new Map(),
    step(state, f, input, output) {
      const key = (input as KvValue).key;
      const { ok: fits, next } = kv.step(state.get(key) ?? kv.init(), f, input, output);
      return { ok: fits, next: new Map(state).set(key, next) };
    },
    equal: (a, b) => a.size === b.size && [...a].every(([key, v]) => b.has(key) && kv.equal(v, b.get(key) as KvState)),
    hash: (state) => [...state.values()].reduce((h, v) => h ^ kv.hash(v), 0),
    validate: (f, input, output) => kv.validate(f, input, output),
    describe: (op) => kv.describe(op),
    describeState: (state) => [...state].map(([key, v]) => `${key}: ${kv.describeState(v)}`).join(', '),
  };
}

/** What one step of a real, sequential execution did. */
interface Drawn {
  f: string;
  value: unknown;
  result: unknown;
  /** A cas whose expected value was not there: it did not happen, Jepsen records it as a `fail`. */
  failed?: boolean;
}

type Draw = (random: Random, state: Map<string, unknown>) => Drawn;

const small = (random: Random): number => random.int(4);
const register =
  (withCas: boolean): Draw =>
  (random, state) => {
    const current = state.get('r') ?? null;
    const roll = random.int(withCas ? 3 : 2);
    if (roll === 0) {
      const value = small(random);
      state.set('r', value);
      return { f: 'write', value, result: value };
    }
    if (roll === 1) return { f: 'read', value: null, result: current };
    const expected = random.chance(0.5) ? current : small(random);
    const value = [expected, small(random)];
    if (expected !== current) return { f: 'cas', value, result: value, failed: true };
    state.set('r', value[1]);
    return { f: 'cas', value, result: value };
  };

const kv: Draw = (random, state) => {
  const key = random.chance(0.5) ? 'a' : 'b';
  const current = (state.get(key) as string | undefined) ?? '';
  const roll = random.int(3);
  if (roll === 0) return { f: 'get', value: { key, value: null }, result: { key, value: current } };
  const piece = String.fromCharCode(120 + random.int(3));
  state.set(key, roll === 1 ? piece : current + piece);
  const value = { key, value: piece };
  return { f: roll === 1 ? 'put' : 'append', value, result: value };
};

const queue: Draw = (random, state) => {
  const items = (state.get('q') as number[] | undefined) ?? [];
  if (random.chance(0.5)) {
    const value = random.int(10);
    state.set('q', [...items, value]);
    return { f: 'enqueue', value, result: value };
  }
  state.set('q', items.slice(1));
  return { f: 'dequeue', value: null, result: items[0] ?? null };
};

export const draws: Record<string, Draw> = { register: register(false), 'cas-register': register(true), kv, queue };

/**
 * A history of a real sequential execution: operation i takes effect at 10·i + 5, and is invoked
 * and completes a random while around that, so neighbours overlap. Some outcomes are then lost
 * (`info`): about half of those took effect, the others never did. Linearizable by construction.
 */
export function sequentialHistory(random: Random, draw: Draw, count: number, clients = 3): HistoryOperation[] {
  const state = new Map<string, unknown>();
  const history: HistoryOperation[] = [];
  for (let i = 0; i < count; i++) {
    const point = 10 * i + 5;
    const invoke = point - random.int(26);
    const complete = point + random.int(26);
    const process = `c${i % clients}`;
    const lost = random.chance(0.15);
    if (lost && random.chance(0.5)) {
      const { f, value } = draw(random, new Map(state));
      history.push(info(process, f, value, invoke));
      continue;
    }
    const { f, value, result, failed } = draw(random, state);
    if (failed) history.push(fail(process, f, value, [invoke, complete]));
    else if (lost) history.push(info(process, f, value, invoke));
    else history.push(ok(process, f, value, [invoke, complete], result));
  }
  return history;
}

/** One small change that may break linearizability: a different result, or an operation moved in time. */
export function mutate(random: Random, history: readonly HistoryOperation[]): HistoryOperation[] {
  const copy = history.map((op) => ({ ...op }));
  const target = copy[random.int(copy.length)] as HistoryOperation;
  if (target.outcome === 'ok' && random.chance(0.6)) {
    const result = target.result;
    if (result !== null && typeof result === 'object' && 'key' in result)
      target.result = { ...(result as KvValue), value: String.fromCharCode(120 + random.int(3)).repeat(random.int(3)) };
    else target.result = random.chance(0.2) ? null : random.int(4);
    return copy;
  }
  const shift = 10 + random.int(40);
  target.invoke += shift;
  if (target.complete !== undefined) target.complete += shift;
  return copy;
}
