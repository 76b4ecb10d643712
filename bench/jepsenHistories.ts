import type { HistoryOperation } from '../src/grader/linearizability';
import { Random } from '../src/kernel';

/** What a client asks and what the object answers, at the operation's linearization point. */
interface Call {
  f: string;
  value: unknown;
  /** Applies the call to the object; returns its result, or `fail` when it did not happen (a cas that missed). */
  apply(): unknown;
}

export interface Workload {
  clients: number;
  operations: number;
  /** The chance that a client times out on an operation: `info`, and it took effect or not. */
  timeouts: number;
  /** Draws the next call of a client. */
  call(random: Random, process: number, count: number): Call;
}

const FAILED = Symbol('failed');

/**
 * A history the way Jepsen records one: clients run operations one after another, each taking a
 * random while, and each takes effect at one random instant inside that while (so the history is
 * linearizable). A client that times out is retired, as in Jepsen, and a new process id takes its
 * place. Times are the event order, as in a log.
 */
export function jepsenHistory(seed: number, workload: Workload): HistoryOperation[] {
  const random = new Random(seed, 'jepsen history');
  interface Pending {
    op: HistoryOperation;
    call: Call;
    at: number;
    end: number;
    lost: boolean;
  }
  const pending: Pending[] = [];
  const processes = Array.from({ length: workload.clients }, (_, i) => i);
  const counts = processes.map(() => 0);
  let started = 0;
  const start = (slot: number, now: number): void => {
    if (started >= workload.operations) return;
    started++;
    const process = processes[slot] as number;
    const count = counts[slot] ?? 0;
    counts[slot] = count + 1;
    const call = workload.call(random, process, count);
    // A service's latency: 5 to 15 ticks whatever the number of clients.
    const span = 5 + random.int(11);
    const op: HistoryOperation = {
      process: String(process),
      f: call.f,
      value: call.value,
      outcome: 'info',
      invoke: now,
    };
    pending.push({ op, call, at: now + random.int(span), end: now + span, lost: random.chance(workload.timeouts) });
    history.push(op);
  };
  const history: HistoryOperation[] = [];
  processes.forEach((_, slot) => start(slot, slot));
  // Events in time order: effects (at) and completions (end); an effect comes first at a tie.
  const applied = new Set<Pending>();
  while (pending.length > 0) {
    let next = pending[0] as Pending;
    for (const p of pending) {
      const t = applied.has(p) ? p.end : p.at;
      if (t < (applied.has(next) ? next.end : next.at)) next = p;
    }
    if (!applied.has(next)) {
      if (!(next.lost && random.chance(0.5))) next.op.result = next.call.apply();
      else next.op.result = FAILED;
      applied.add(next);
      continue;
    }
    pending.splice(pending.indexOf(next), 1);
    applied.delete(next);
    const slot = processes.indexOf(Number(next.op.process));
    const op = next.op;
    if (next.lost) {
      op.outcome = 'info';
      delete op.result;
      processes[slot] = (processes[slot] as number) + workload.clients;
    } else if (op.result === FAILED) {
      op.outcome = 'fail';
      delete op.result;
      op.complete = next.end;
    } else {
      op.outcome = 'ok';
      op.complete = next.end;
    }
    start(slot, next.end + 1);
  }
  return history;
}

/** Jepsen's etcd register test: read, write and cas of values 0–4 on one register. */
export function etcdWorkload(operations: number): Workload {
  let state: number | null = null;
  return {
    clients: 5,
    operations,
    timeouts: 0.06,
    call(random) {
      const roll = random.int(3);
      if (roll === 0) return { f: 'read', value: null, apply: () => state };
      if (roll === 1) {
        const value = random.int(5);
        return { f: 'write', value, apply: () => (state = value) };
      }
      const value = [random.int(5), random.int(5)] as const;
      return {
        f: 'cas',
        value: [...value],
        apply: () => (state === value[0] ? ((state = value[1]), [...value]) : FAILED),
      };
    },
  };
}

/** Porcupine's kv tests (MIT 6.824's): get, append and a few puts on 10 keys, values `x <client> <n> y`. */
export function kvWorkload(clients: number, operations: number): Workload {
  const store = new Map<string, string>();
  return {
    clients,
    operations,
    timeouts: 0,
    call(random, process, count) {
      const key = String(random.int(10));
      const roll = random.int(20);
      if (roll < 9)
        return { f: 'get', value: { key, value: null }, apply: () => ({ key, value: store.get(key) ?? '' }) };
      const value = `x ${process} ${count} y`;
      const put = roll === 9;
      return {
        f: put ? 'put' : 'append',
        value: { key, value },
        apply: () => (store.set(key, put ? value : (store.get(key) ?? '') + value), { key, value }),
      };
    },
  };
}

/** The history with the result of its nth read in the last third changed to a value nobody wrote. */
export function withChangedRead(history: readonly HistoryOperation[], nth: number): HistoryOperation[] {
  const reads = history
    .map((op, i) => ({ op, i }))
    .filter(({ op, i }) => op.outcome === 'ok' && (op.f === 'read' || op.f === 'get') && i > (2 * history.length) / 3);
  const { op, i } = reads[nth % reads.length] as { op: HistoryOperation; i: number };
  const result = op.result;
  const changed =
    typeof result === 'object' && result !== null
      ? { ...(result as { key: string; value: string }), value: `${(result as { value: string }).value}x stale y` }
      : 5 + nth;
  const copy = [...history];
  copy[i] = { ...op, result: changed };
  return copy;
}
