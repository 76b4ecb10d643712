import type { Op } from '../../src/kernel';
import { fmtMs, linearizableChecker, type Checker, type Verdict } from '../../src/grader';
import { kvModel } from '../../src/grader/linearizability';
import type { KvOperation } from './contract';
import { describeOperation, kvHistory, occurrences, type ClientOperation, type KvHistory } from './history';

const TOKEN = /\[c\d+\.\d+\]/g;

/** "1st", "2nd", "3rd", "4th"… */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function recordsAsGiven(given: KvOperation, invoke: Op): boolean {
  const value = (invoke.value ?? {}) as { key?: unknown; value?: unknown };
  if (invoke.f !== given.f || value.key !== given.key) return false;
  return given.f === 'get' || value.value === given.value;
}

/** Every client records the operations it is given, as given, in order, one at a time. */
export const operationsAsGiven: Checker = {
  name: 'operations-as-given',
  property: 'each client performs the operations it is given, as given, in order, one at a time',
  translations: { 'zh-cn': { property: '每个客户端按顺序、一次一个地执行分给它的操作，内容与分到的一致' } },
  check({ trace }): Verdict {
    const history = kvHistory(trace);
    for (const client of history.clients) {
      const given = history.operations.get(client) ?? [];
      const invokes = (history.recorded.get(client) ?? []).filter((op) => op.type === 'invoke');
      for (const [k, invoke] of invokes.entries()) {
        const op = given[k];
        if (op === undefined || op.givenIndex > invoke.index)
          return {
            ok: false,
            explanation: `${client} invoked ${invoke.f} at ${fmtMs(invoke.time)} before nextOperation() had given it a ${ordinal(k + 1)} operation`,
            at: invoke.time,
            nodes: [client],
            events: [invoke.index],
          };
        if (!recordsAsGiven(op.given, invoke))
          return {
            ok: false,
            explanation: `${client} was given ${describeOperation(op)} at ${fmtMs(op.givenAt)} but recorded invoke ${invoke.f} ${JSON.stringify(invoke.value)} at ${fmtMs(invoke.time)}: record it as given, history.invoke(op.f, op)`,
            at: invoke.time,
            nodes: [client],
            events: [op.givenIndex, invoke.index],
          };
      }
      for (const [k, op] of given.entries()) {
        const previous = given[k - 1];
        if (previous === undefined) continue;
        if (previous.completion === undefined || previous.completion.index > op.givenIndex)
          return {
            ok: false,
            explanation: `${client} asked for its ${ordinal(op.number)} operation at ${fmtMs(op.givenAt)} before it recorded how ${describeOperation(previous, true)} ended: a client performs one operation at a time`,
            at: op.givenAt,
            nodes: [client],
            events: [op.givenIndex],
          };
      }
    }
    return { ok: true };
  },
};

/** The operation that wrote `token`, if a client was given one that did. */
function writerOf(history: KvHistory, token: string): ClientOperation | undefined {
  for (const ops of history.operations.values())
    for (const op of ops) if (op.given.f !== 'get' && op.given.value === token) return op;
  return undefined;
}

/** No read shows one write applied twice: each request takes effect once, however often it arrives. */
export const noDuplicateEffect: Checker = {
  name: 'no-duplicate-effect',
  property: 'no write takes effect twice: a get never holds one append twice',
  translations: { 'zh-cn': { property: '任何写入都不会生效两次：一次 get 读到的值里，同一个 append 不会出现两遍' } },
  check({ trace }): Verdict {
    const history = kvHistory(trace);
    for (const read of history.reads) {
      for (const token of new Set(read.value.match(TOKEN) ?? [])) {
        const times = occurrences(read.value, token);
        if (times < 2) continue;
        const writer = writerOf(history, token);
        const who = writer === undefined ? token : describeOperation(writer);
        const invoked = writer?.invoke === undefined ? '' : ` (invoked at ${fmtMs(writer.invoke.time)})`;
        return {
          ok: false,
          explanation: `${read.client}'s get of "${read.key}" at ${fmtMs(read.op.time)} read ${JSON.stringify(read.value)}, which holds ${who}${invoked} ${times} times: the server applied that one request ${times} times`,
          at: read.op.time,
          nodes: writer === undefined ? [read.client] : [writer.client, read.client],
          events: writer?.invoke === undefined ? [read.op.index] : [writer.invoke.index, read.op.index],
        };
      }
    }
    return { ok: true };
  },
};

/** An operation recorded as failed never took effect: fail means "surely not", info means "maybe". */
export const failedMeansNotApplied: Checker = {
  name: 'failed-means-not-applied',
  property: 'a write recorded as fail never takes effect (when unsure, a client records info)',
  translations: { 'zh-cn': { property: '记为 fail 的写入绝不会生效（不确定时，客户端要记 info）' } },
  check({ trace }): Verdict {
    const history = kvHistory(trace);
    for (const ops of history.operations.values()) {
      for (const op of ops) {
        if (op.given.f === 'get' || op.completion?.type !== 'fail') continue;
        const token = op.given.value;
        const seen = history.reads.find((read) => read.value.includes(token));
        if (seen === undefined) continue;
        return {
          ok: false,
          explanation: `${op.client} recorded ${describeOperation(op, true)} as failed at ${fmtMs(op.completion.time)}, but ${seen.client}'s get of "${seen.key}" at ${fmtMs(seen.op.time)} read it: the write took effect. A client that gets no answer cannot know that; it records info, or better keeps retrying`,
          at: op.completion.time,
          nodes: [op.client, seen.client],
          events: [op.completion.index, seen.op.index],
        };
      }
    }
    return { ok: true };
  },
};

/** Every client is given all its operations and each is answered (ok) before the run ends. */
export function operationsComplete(perClient: number): Checker {
  return {
    name: 'operations-complete',
    property: `every client completes all ${perClient} of its operations: it retries until the server answers`,
    translations: { 'zh-cn': { property: `每个客户端都完成自己全部 ${perClient} 个操作：一直重试，直到服务器回答` } },
    check({ trace, result }): Verdict {
      const history = kvHistory(trace);
      const end = fmtMs(result.endTime);
      for (const client of history.clients) {
        const given = history.operations.get(client) ?? [];
        const done = given.filter((op) => op.completion?.type === 'ok').length;
        const stuck = given.find((op) => op.completion?.type !== 'ok');
        const head = `${client} completed ${done} of its ${perClient} operations by the end (${end})`;
        if (stuck === undefined) {
          if (given.length >= perClient) continue;
          return {
            ok: false,
            explanation: `${head}: it never asked nextOperation() for its ${ordinal(given.length + 1)}`,
            at: result.endTime,
            nodes: [client],
          };
        }
        const { invoke, completion } = stuck;
        const why =
          invoke === undefined
            ? `it was given ${describeOperation(stuck, true)} at ${fmtMs(stuck.givenAt)} and never invoked it`
            : completion === undefined
              ? `${describeOperation(stuck, true)}, invoked at ${fmtMs(invoke.time)}, was never answered`
              : `it recorded ${describeOperation(stuck, true)} as ${completion.type} at ${fmtMs(completion.time)}: a client retries until the server answers`;
        const last = completion ?? invoke;
        return {
          ok: false,
          explanation: `${head}: ${why}`,
          at: last?.time ?? stuck.givenAt,
          nodes: [client],
          events: [last?.index ?? stuck.givenIndex],
        };
      }
      return { ok: true };
    },
  };
}

/** Every scenario's checkers, most specific cause first. */
export function kvCheckers(perClient: number): Checker[] {
  return [
    operationsAsGiven,
    noDuplicateEffect,
    failedMeansNotApplied,
    linearizableChecker(kvModel),
    operationsComplete(perClient),
  ];
}
