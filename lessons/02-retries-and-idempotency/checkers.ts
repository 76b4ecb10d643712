import type { Op } from '../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  incrementalCheck,
  linearizableChecker,
  type Checker,
  type Template,
  type Verdict,
} from '../../src/grader';
import { SERVER } from './faults';
import { checkLinearizability, HistoryError, kvModel, operationsFromKernel } from '../../src/grader/linearizability';
import type { KvOperation } from './contract';
import {
  beginKvReader,
  kvHistory,
  occurrences,
  operationPhrase,
  readKvEvent,
  type ClientOperation,
  type KvHistory,
  type Read,
} from './history';

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
  safety: true,
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
            explanation: fill(invokedBeforeGiven, { client, invoke, number: k + 1 }),
            at: invoke.time,
            nodes: [client],
            events: [invoke.index],
          };
        if (!recordsAsGiven(op.given, invoke))
          return {
            ok: false,
            explanation: fill(recordedOtherwise, { op, invoke }),
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
            explanation: fill(askedBeforeEnded, { op, previous }),
            at: op.givenAt,
            nodes: [client],
            events: [op.givenIndex],
          };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({ reader: beginKvReader(nodes), broken: false }),
    event(checked, e) {
      const step = readKvEvent(checked.reader, e);
      if (step === undefined || checked.broken) return;
      const { progress, position } = step;
      // Asked for the next operation before the one before it had completed.
      if (step.given !== undefined && position > 0 && progress.completions[position - 1] === undefined)
        checked.broken = true;
      const given = progress.given[position];
      if (step.invoke !== undefined && (given === undefined || !recordsAsGiven(given, step.invoke)))
        checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

const invokedBeforeGiven: Template<{ client: string; invoke: Op; number: number }> = {
  en: ({ client, invoke, number }) =>
    `${client} invoked ${invoke.f} at ${fmtMs(invoke.time)} before nextOperation() had given it a ${ordinal(number)} operation`,
  'zh-cn': ({ client, invoke, number }) =>
    `${client} 在 ${fmtMs(invoke.time)} invoke 了 ${invoke.f}，可那时 nextOperation() 还没有给它第 ${number} 个操作`,
};

const recordedOtherwise: Template<{ op: ClientOperation; invoke: Op }> = {
  en: ({ op, invoke }) =>
    `${op.client} was given ${operationPhrase.en({ op })} at ${fmtMs(op.givenAt)} but recorded invoke ${invoke.f} ${JSON.stringify(invoke.value)} at ${fmtMs(invoke.time)}: record it as given, history.invoke(op.f, op)`,
  'zh-cn': ({ op, invoke }) =>
    `${op.client} 在 ${fmtMs(op.givenAt)} 领到的是${operationPhrase['zh-cn']({ op, own: true })}，在 ${fmtMs(invoke.time)} 记下的却是 invoke ${invoke.f} ${JSON.stringify(invoke.value)}：要按原样记录，history.invoke(op.f, op)`,
};

const askedBeforeEnded: Template<{ op: ClientOperation; previous: ClientOperation }> = {
  en: ({ op, previous }) =>
    `${op.client} asked for its ${ordinal(op.number)} operation at ${fmtMs(op.givenAt)} before it recorded how ${operationPhrase.en({ op: previous, own: true })} ended: a client performs one operation at a time`,
  'zh-cn': ({ op, previous }) =>
    `${op.client} 在 ${fmtMs(op.givenAt)} 要了第 ${op.number} 个操作，可它还没有记下${operationPhrase['zh-cn']({ op: previous, own: true })}的结局：客户端一次只执行一个操作`,
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
  safety: true,
  property: 'no write takes effect twice: a get never holds one append twice',
  translations: { 'zh-cn': { property: '任何写入都不会生效两次：一次 get 读到的值里，同一个 append 不会出现两遍' } },
  check({ trace }): Verdict {
    const history = kvHistory(trace);
    for (const read of history.reads) {
      const repeated = repeatedToken(read);
      if (repeated !== undefined) {
        const { token, times } = repeated;
        const writer = writerOf(history, token);
        return {
          ok: false,
          explanation: fill(appliedTwice, { read, token, writer, times }),
          at: read.op.time,
          nodes: writer === undefined ? [read.client] : [writer.client, read.client],
          events: writer?.invoke === undefined ? [read.op.index] : [writer.invoke.index, read.op.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({ reader: beginKvReader(nodes), broken: false }),
    event(checked, e) {
      const read = readKvEvent(checked.reader, e)?.read;
      if (read !== undefined && repeatedToken(read) !== undefined) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** The first write a read holds more than once, and how many times. */
function repeatedToken(read: Read): { token: string; times: number } | undefined {
  for (const token of new Set(read.value.match(TOKEN) ?? [])) {
    const times = occurrences(read.value, token);
    if (times >= 2) return { token, times };
  }
  return undefined;
}

const appliedTwice: Template<{ read: Read; token: string; writer: ClientOperation | undefined; times: number }> = {
  en: ({ read, token, writer, times }) => {
    const who = writer === undefined ? token : operationPhrase.en({ op: writer });
    const invoked = writer?.invoke === undefined ? '' : ` (invoked at ${fmtMs(writer.invoke.time)})`;
    return `${read.client}'s get of "${read.key}" at ${fmtMs(read.op.time)} read ${JSON.stringify(read.value)}, which holds ${who}${invoked} ${times} times: the server applied that one request ${times} times`;
  },
  'zh-cn': ({ read, token, writer, times }) => {
    // The read already names the key: the write is said by who sent it, and when.
    const who =
      writer === undefined
        ? token
        : `${writer.client} ${writer.invoke === undefined ? '' : `在 ${fmtMs(writer.invoke.time)} invoke `}的 ${writer.given.f} ${token}`;
    return `${read.client} 在 ${fmtMs(read.op.time)} 对键 "${read.key}" 的 get 读到 ${JSON.stringify(read.value)}，其中 ${who} 出现了 ${times} 次：服务器把同一个请求应用了 ${times} 次`;
  },
};

/** An operation recorded as failed never took effect: fail means "surely not", info means "maybe". */
export const failedMeansNotApplied: Checker = {
  name: 'failed-means-not-applied',
  safety: true,
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
          explanation: fill(failedButApplied, { op, failedAt: op.completion.time, seen }),
          at: op.completion.time,
          nodes: [op.client, seen.client],
          events: [op.completion.index, seen.op.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({
      reader: beginKvReader(nodes),
      /** The values of the writes recorded as failed so far, and the values every read returned. */
      failed: new Set<string>(),
      read: new Set<string>(),
      broken: false,
    }),
    event(checked, e) {
      const step = readKvEvent(checked.reader, e);
      if (step === undefined || checked.broken) return;
      const given = step.progress.given[step.position];
      const completion = step.progress.completions[step.position];
      const failedNow = (step.given !== undefined || step.completion !== undefined) && completion?.type === 'fail';
      if (failedNow && given !== undefined && given.f !== 'get') {
        const token = given.value;
        if ([...checked.read].some((value) => value.includes(token))) checked.broken = true;
        checked.failed.add(token);
      }
      if (step.read !== undefined) {
        const value = step.read.value;
        if ([...checked.failed].some((token) => value.includes(token))) checked.broken = true;
        checked.read.add(value);
      }
    },
    verdict: (checked) => !checked.broken,
  }),
};

const failedButApplied: Template<{ op: ClientOperation; failedAt: number; seen: Read }> = {
  en: ({ op, failedAt, seen }) =>
    `${op.client} recorded ${operationPhrase.en({ op, own: true })} as failed at ${fmtMs(failedAt)}, but ${seen.client}'s get of "${seen.key}" at ${fmtMs(seen.op.time)} read it: the write took effect. A client that gets no answer cannot know that; it records info, or better keeps retrying`,
  'zh-cn': ({ op, failedAt, seen }) =>
    `${op.client} 在 ${fmtMs(failedAt)} 把${operationPhrase['zh-cn']({ op, own: true })}记为 fail，可 ${seen.client} 在 ${fmtMs(seen.op.time)} 对键 "${seen.key}" 的 get 读到了它：这次写入生效了。收不到回答的客户端无从知道结果；它应该记 info，更好的做法是继续重试`,
};

/**
 * How long the server must have been up and reachable at the end before every operation is asked
 * to complete: a capped backoff (400 ms in the reference) and the operations left behind it. Every
 * scenario ends at least 700 ms after its last fault.
 */
export const COMPLETE_WITHIN_MS = 600;

/**
 * Every client is given all its operations and each is answered (ok) before the run ends. Asked
 * once the faults heal: nothing is asked while the server is down or cut off at the end, nor of a
 * run that ends less than COMPLETE_WITHIN_MS after its last fault (a run without faults is asked).
 */
export function operationsComplete(perClient: number): Checker {
  return {
    name: 'operations-complete',
    anySchedule: true,
    property: `every client completes all ${perClient} of its operations: it retries until the server answers`,
    translations: { 'zh-cn': { property: `每个客户端都完成自己全部 ${perClient} 个操作：一直重试，直到服务器回答` } },
    check({ trace, result, nodes }): Verdict {
      const end = new ClusterTimeline(trace, nodes).advanceTo(result.endTime);
      const unreachable = !end.up(SERVER) || end.partitioned();
      // A run without faults (quiet since 0) is asked at its end, however short.
      const calmSince = end.quietSince();
      if (unreachable || (calmSince > 0 && result.endTime - calmSince < COMPLETE_WITHIN_MS)) return { ok: true };
      const history = kvHistory(trace);
      for (const client of history.clients) {
        const given = history.operations.get(client) ?? [];
        const done = given.filter((op) => op.completion?.type === 'ok').length;
        const stuck = given.find((op) => op.completion?.type !== 'ok');
        const progress = { client, done, perClient, end: result.endTime };
        if (stuck === undefined) {
          if (given.length >= perClient) continue;
          return {
            ok: false,
            explanation: fill(incomplete, { ...progress, why: { kind: 'never-asked', number: given.length + 1 } }),
            at: result.endTime,
            nodes: [client],
          };
        }
        const { invoke, completion } = stuck;
        const why: Unfinished =
          invoke === undefined
            ? { kind: 'never-invoked', op: stuck }
            : completion === undefined
              ? { kind: 'never-answered', op: stuck, invokedAt: invoke.time }
              : { kind: 'gave-up', op: stuck, completion };
        const last = completion ?? invoke;
        return {
          ok: false,
          explanation: fill(incomplete, { ...progress, why }),
          at: last?.time ?? stuck.givenAt,
          nodes: [client],
          events: [last?.index ?? stuck.givenIndex],
        };
      }
      return { ok: true };
    },
  };
}

/** Why a client did not complete all its operations. */
type Unfinished =
  | { kind: 'never-asked'; number: number }
  | { kind: 'never-invoked'; op: ClientOperation }
  | { kind: 'never-answered'; op: ClientOperation; invokedAt: number }
  | { kind: 'gave-up'; op: ClientOperation; completion: Op };

const incomplete: Template<{ client: string; done: number; perClient: number; end: number; why: Unfinished }> = {
  en: ({ client, done, perClient, end, why }) => {
    const head = `${client} completed ${done} of its ${perClient} operations by the end (${fmtMs(end)})`;
    if (why.kind === 'never-asked') return `${head}: it never asked nextOperation() for its ${ordinal(why.number)}`;
    const op = operationPhrase.en({ op: why.op, own: true });
    if (why.kind === 'never-invoked')
      return `${head}: it was given ${op} at ${fmtMs(why.op.givenAt)} and never invoked it`;
    if (why.kind === 'never-answered') return `${head}: ${op}, invoked at ${fmtMs(why.invokedAt)}, was never answered`;
    return `${head}: it recorded ${op} as ${why.completion.type} at ${fmtMs(why.completion.time)}: a client retries until the server answers`;
  },
  'zh-cn': ({ client, done, perClient, end, why }) => {
    const head = `到运行结束（${fmtMs(end)}），${client} 的 ${perClient} 个操作只完成了 ${done} 个`;
    if (why.kind === 'never-asked') return `${head}：它一直没有向 nextOperation() 要第 ${why.number} 个操作`;
    const op = operationPhrase['zh-cn']({ op: why.op, own: true });
    if (why.kind === 'never-invoked') return `${head}：它在 ${fmtMs(why.op.givenAt)} 领到了${op}，却一直没有 invoke`;
    if (why.kind === 'never-answered') return `${head}：${op}在 ${fmtMs(why.invokedAt)} invoke 之后，一直没有得到回答`;
    return `${head}：它在 ${fmtMs(why.completion.time)} 把${op}记为 ${why.completion.type}：客户端要一直重试，直到服务器回答`;
  },
};

/**
 * True of every prefix of a run: an operation not yet answered may or may not have taken effect.
 * Its incremental form keeps the recorded operations and searches them again only when one was added.
 */
const linearizable: Checker = {
  ...linearizableChecker(kvModel),
  safety: true,
  incremental: incrementalCheck({
    begin: () => ({ ops: NO_OPS, judged: 0, ok: true }),
    event(checked, e) {
      if (e.kind !== 'op' || !checked.ok) return;
      const op: Op = Object.freeze({ index: e.index, time: e.time, process: e.node, ...e.data });
      checked.ops = Object.freeze([...checked.ops, op]);
    },
    verdict(checked) {
      if (checked.ok && checked.judged < checked.ops.length) {
        checked.ok = kvLinearizable(checked.ops);
        checked.judged = checked.ops.length;
      }
      return checked.ok;
    },
  }),
};

const NO_OPS: readonly Op[] = Object.freeze([]);

/** Whether a history is linearizable under the kv model, as `linearizableChecker` judges it: undecided passes, ill-formed fails. */
function kvLinearizable(ops: readonly Op[]): boolean {
  try {
    return checkLinearizability(kvModel, operationsFromKernel([...ops])).verdict !== 'not-linearizable';
  } catch (error) {
    if (error instanceof HistoryError) return false;
    throw error;
  }
}

/** Every scenario's checkers, most specific cause first. */
export function kvCheckers(perClient: number): Checker[] {
  return [operationsAsGiven, noDuplicateEffect, failedMeansNotApplied, linearizable, operationsComplete(perClient)];
}
