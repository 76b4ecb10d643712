import type { NodeId } from '../../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  handlerRuns,
  incrementalCheck,
  overHandlerRuns,
  type Checker,
  type CheckedRun,
  type Template,
} from '../../../src/grader';
import { answerRule } from '../checkers';
import { beginCounter, readCounterEvent, readCounterHistory, subsetRange, type CounterRead } from './history';

/**
 * How long the cluster must have been calm (every node up, no partition, no fault since the
 * timeline's `quietSince`, no Add arriving) before every read must count every add. A correct node
 * sends its state to its peers at least every 500 ms (the contract says so), and links take at
 * most a few tens of ms in every scenario: two rounds of exchange fit in it.
 */
export const SETTLE_MS = 1000;

const malformedValue: Template<{ node: NodeId; id: unknown; time: number; value: unknown }> = {
  en: ({ node, id, time, value }) =>
    `${node} answered Read ${String(id)} at ${fmtMs(time)} with value ${JSON.stringify(value)}: a ReadOk's value is a whole number`,
  'zh-cn': ({ node, id, time, value }) =>
    `${node} 在 ${fmtMs(time)} 回答 Read ${String(id)} 时给的 value 是 ${JSON.stringify(value)}：ReadOk 的 value 是一个整数`,
};

const countedTwice: Template<{ read: CounterRead & { value: number }; adds: number; low: number; high: number }> = {
  en: ({ read, adds, low, high }) =>
    `${read.node} read ${read.value} at ${fmtMs(read.time)}, ${read.value > high ? `more than all ${adds} adds so far could make (${high}, their positive deltas together)` : `less than all ${adds} adds so far could make (${low}, their negative deltas together)`}: some add was counted more than once`,
  'zh-cn': ({ read, adds, low, high }) =>
    `${read.node} 在 ${fmtMs(read.time)} 读到 ${read.value}，${read.value > high ? `比目前全部 ${adds} 次加法所能达到的最大值（${high}，正增量之和）还大` : `比目前全部 ${adds} 次加法所能达到的最小值（${low}，负增量之和）还小`}：有的加法被计了不止一次`,
};

const ownAddsMissing: Template<{
  read: CounterRead & { value: number };
  ownSum: number;
  own: number;
  low: number;
  high: number;
  crash: number | undefined;
}> = {
  en: ({ read, ownSum, own, low, high, crash }) =>
    `${read.node} read ${read.value} at ${fmtMs(read.time)}, but it had acknowledged adds summing to ${ownSum} (${own} of them), and the other adds so far can move that only to between ${low} and ${high}: ` +
    (crash === undefined
      ? 'its own adds are not all counted'
      : `its own adds are not all counted since it crashed at ${fmtMs(crash)} — keep them in ctx.storage`),
  'zh-cn': ({ read, ownSum, own, low, high, crash }) =>
    `${read.node} 在 ${fmtMs(read.time)} 读到 ${read.value}，可它确认过的 ${own} 次加法之和是 ${ownSum}，其余的加法至多把结果挪到 ${low} 到 ${high} 之间：` +
    (crash === undefined
      ? '它自己的加法没有全部计入'
      : `自从它在 ${fmtMs(crash)} 崩溃，它自己的加法就没有全部计入——要把它们存进 ctx.storage`),
};

const incrementLost: Template<{
  read: CounterRead & { value: number };
  acks: number;
  ackedSum: number;
  unknown: number;
  low: number;
  high: number;
  since: number;
}> = {
  en: ({ read, acks, ackedSum, unknown, low, high, since }) =>
    `${read.node} read ${read.value} at ${fmtMs(read.time)}, but the ${acks} acknowledged adds sum to ${ackedSum}, so it must read ${unknown === 0 ? `exactly ${ackedSum}` : `between ${low} and ${high} (${unknown} adds reached a node but were never acknowledged: they may count or not)`}: every node has been up and connected, with no fault and no new add, since ${fmtMs(since)}`,
  'zh-cn': ({ read, acks, ackedSum, unknown, low, high, since }) =>
    `${read.node} 在 ${fmtMs(read.time)} 读到 ${read.value}，可 ${acks} 次被确认的加法之和是 ${ackedSum}，所以它应该读到${unknown === 0 ? `恰好 ${ackedSum}` : ` ${low} 到 ${high} 之间的值（有 ${unknown} 次加法到达了节点却从未被确认：算不算都行）`}：从 ${fmtMs(since)} 起每个节点都在线、彼此连通，没有故障，也没有新的加法`,
};

const readsDiffer: Template<{ first: CounterRead; read: CounterRead; since: number }> = {
  en: ({ first, read, since }) =>
    `${first.node} read ${String(first.value)} at ${fmtMs(first.time)} and ${read.node} read ${String(read.value)} at ${fmtMs(read.time)}, although every node has been up and connected, with no fault and no new add, since ${fmtMs(since)}: the replicas have not converged`,
  'zh-cn': ({ first, read, since }) =>
    `${first.node} 在 ${fmtMs(first.time)} 读到 ${String(first.value)}，${read.node} 在 ${fmtMs(read.time)} 读到 ${String(read.value)}，尽管从 ${fmtMs(since)} 起每个节点都在线、彼此连通，没有故障，也没有新的加法：副本之间还没有收敛`,
};

/** What a node answers to each request the client sends. */
const answer: Partial<Record<string, string>> = { Add: 'AddOk', Read: 'ReadOk' };

/** Every Add and Read gets its answer, in the handler that receives it; a ReadOk's value is a whole number. */
export const answersEveryRequest: Checker = {
  name: 'answers-every-request',
  safety: true,
  translations: {
    'zh-cn': { property: '节点对每个 Add 回复 AddOk，对每个 Read 回复 ReadOk，就在收到请求的那个处理函数里回复' },
  },
  property: 'a node answers every Add with an AddOk and every Read with a ReadOk, in the handler that receives it',
  check({ trace }) {
    for (const run of handlerRuns(trace)) {
      const verdict = judgeAnswer(run);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: overHandlerRuns((run) => judgeAnswer(run) === undefined),
};

/** answersEveryRequest's rule for one handler run: undefined when it keeps it. */
const judgeAnswer = answerRule(answer, (reply, at) => {
  const value = reply.value;
  return typeof value === 'number' && Number.isInteger(value) ? undefined : fill(malformedValue, { ...at, value });
});

/**
 * A read counts each add at most once: its value is the sum of some of the adds that have reached
 * a node so far, so it lies between the sum of their negative deltas and the sum of their positive
 * ones. A merge that adds states instead of taking maxima breaks it as soon as a state arrives twice.
 * An Add the network delivered twice (the contract's client never repeats one; a network struck by
 * hand may) may count once per delivery, here and in the rules below.
 */
export const boundedReads: Checker = {
  name: 'bounded-reads',
  safety: true,
  translations: { 'zh-cn': { property: '读只计入在它之前到达过某个节点的加法，每次至多计一次' } },
  property: 'a read counts only adds that reached a node before it, each at most once',
  check({ trace }) {
    const history = readCounterHistory(trace);
    // A repeated delivery may count again: what a node received is what it may count.
    const deliveries = [...history.adds, ...history.repeats].sort((a, b) => a.index - b.index);
    let next = 0;
    let low = 0;
    let high = 0;
    for (const read of history.reads) {
      for (; next < deliveries.length && deliveries[next]!.index < read.index; next++) {
        const d = deliveries[next]!.delta;
        if (d < 0) low += d;
        else high += d;
      }
      const value = read.value;
      if (value === undefined || (value >= low && value <= high)) continue;
      return {
        ok: false,
        explanation: fill(countedTwice, { read: { ...read, value }, adds: next, low, high }),
        at: read.time,
        nodes: [read.node],
        events: [read.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** The sums of the negative and of the positive deltas of every delivery of an add so far. */
    begin: () => ({ reader: beginCounter(), low: 0, high: 0, broken: false }),
    event(checked, e) {
      const step = readCounterEvent(checked.reader, e);
      if (step?.kind === 'add' || step?.kind === 'repeat') {
        if (step.add.delta < 0) checked.low += step.add.delta;
        else checked.high += step.add.delta;
      } else if (step?.kind === 'read') {
        const value = step.read.value;
        if (value !== undefined && (value < checked.low || value > checked.high)) checked.broken = true;
      }
    },
    verdict: (checked) => !checked.broken,
  }),
};

/**
 * Read your own adds, at one node: a read at a node counts every add that node has acknowledged,
 * after a crash too, plus some of the other adds made so far. Its value lies between the node's own
 * acknowledged sum plus the others' negative deltas and that sum plus their positive ones.
 */
export const readsOwnAdds: Checker = {
  name: 'reads-own-adds',
  safety: true,
  translations: { 'zh-cn': { property: '在某个节点上的读，计入该节点在此之前确认过的每一次加法，重启后也一样' } },
  property: 'a read at a node counts every add that node acknowledged before it, after a restart too',
  check({ trace }) {
    const history = readCounterHistory(trace);
    for (const read of history.reads) {
      const value = read.value;
      if (value === undefined) continue;
      const own = history.acks.filter((a) => a.node === read.node && a.index < read.index);
      const ownIds = new Set(own.map((a) => a.id));
      const ownSum = own.reduce((sum, a) => sum + a.delta, 0);
      const others = subsetRange(
        [...history.adds.filter((a) => !ownIds.has(a.id)), ...history.repeats]
          .filter((a) => a.index < read.index)
          .map((a) => a.delta),
      );
      if (value >= ownSum + others.low && value <= ownSum + others.high) continue;
      const crash = [...trace.ofKind('crash')].filter((c) => c.node === read.node && c.index < read.index).at(-1);
      return {
        ok: false,
        explanation: fill(ownAddsMissing, {
          read: { ...read, value },
          ownSum,
          own: own.length,
          low: ownSum + others.low,
          high: ownSum + others.high,
          crash: crash?.time,
        }),
        at: read.time,
        nodes: [read.node],
        events: [read.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({
      reader: beginCounter(),
      /** Every delivery of an add so far, the repeats included, as the sums of their negative and positive deltas. */
      all: Object.freeze({ low: 0, high: 0 }),
      /** Per node, the adds it acknowledged: their sum, and the sums of their negative and positive deltas. */
      own: new Map<NodeId, Readonly<{ sum: number; low: number; high: number }>>(),
      broken: false,
    }),
    event(checked, e) {
      const step = readCounterEvent(checked.reader, e);
      if (step === undefined || checked.broken) return;
      if (step.kind === 'add' || step.kind === 'repeat') {
        checked.all = withDelta(checked.all, step.add.delta);
      } else if (step.kind === 'ack') {
        const own = checked.own.get(step.ack.node) ?? { sum: 0, low: 0, high: 0 };
        checked.own.set(
          step.ack.node,
          Object.freeze({ ...withDelta(own, step.ack.delta), sum: own.sum + step.ack.delta }),
        );
      } else if (step.read.value !== undefined) {
        const own = checked.own.get(step.read.node) ?? { sum: 0, low: 0, high: 0 };
        // The others: every delivery but the first of each add this node acknowledged.
        const low = own.sum + checked.all.low - own.low;
        const high = own.sum + checked.all.high - own.high;
        if (step.read.value < low || step.read.value > high) checked.broken = true;
      }
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** Sums of negative and positive deltas, one delta more. */
function withDelta<T extends { low: number; high: number }>(sums: T, delta: number): T {
  return Object.freeze(delta < 0 ? { ...sums, low: sums.low + delta } : { ...sums, high: sums.high + delta });
}

/** Reads sent when every node is up, no partition is in force, and nothing has failed and no Add has arrived for SETTLE_MS. */
function settledReads({ trace, nodes }: CheckedRun): { read: CounterRead; since: number }[] {
  const history = readCounterHistory(trace);
  const timeline = new ClusterTimeline(trace, nodes);
  const settled: { read: CounterRead; since: number }[] = [];
  for (const read of history.reads) {
    timeline.advanceTo(read.time);
    const since = Math.max(timeline.quietSince(), history.lastAddAt);
    if (timeline.upNodes().length === nodes.length && !timeline.partitioned() && read.time - since >= SETTLE_MS)
      settled.push({ read, since });
  }
  return settled;
}

/**
 * No lost increment: once the cluster has settled, every read counts every acknowledged add, and
 * of the adds whose outcome is unknown (they reached a node that never acknowledged them) at most
 * some: its value lies between the acknowledged sum plus their negative deltas and that sum plus
 * their positive ones.
 */
export const noLostIncrement: Checker = {
  name: 'no-lost-increment',
  anySchedule: true,
  translations: {
    'zh-cn': { property: `集群平静、且 ${fmtMs(SETTLE_MS)} 内没有新的加法到达之后，每次读都计入所有被确认的加法` },
  },
  property: `once the cluster has been calm and no add has arrived for ${fmtMs(SETTLE_MS)}, every read counts every acknowledged add`,
  check(run) {
    const history = readCounterHistory(run.trace);
    const acked = new Set(history.acks.map((a) => a.id));
    const ackedSum = history.acks.reduce((sum, a) => sum + a.delta, 0);
    const unknown = [...history.adds.filter((a) => !acked.has(a.id)), ...history.repeats];
    const { low, high } = subsetRange(unknown.map((a) => a.delta));
    for (const { read, since } of settledReads(run)) {
      const value = read.value;
      if (value === undefined || (value >= ackedSum + low && value <= ackedSum + high)) continue;
      return {
        ok: false,
        explanation: fill(incrementLost, {
          read: { ...read, value },
          acks: history.acks.length,
          ackedSum,
          unknown: unknown.length,
          low: ackedSum + low,
          high: ackedSum + high,
          since,
        }),
        at: read.time,
        nodes: [read.node],
        events: [read.index],
      };
    }
    return { ok: true };
  },
};

/** Once settled, every node reads the same value: states merged in any order, any number of times, agree. */
export const convergence: Checker = {
  name: 'convergence',
  anySchedule: true,
  translations: {
    'zh-cn': { property: `集群平静、且 ${fmtMs(SETTLE_MS)} 内没有新的加法到达之后，每个节点读到同一个值` },
  },
  property: `once the cluster has been calm and no add has arrived for ${fmtMs(SETTLE_MS)}, every node reads the same value`,
  check(run) {
    let first: CounterRead | undefined;
    for (const { read, since } of settledReads(run)) {
      if (read.value === undefined) continue;
      first ??= read;
      if (read.value === first.value) continue;
      return {
        ok: false,
        explanation: fill(readsDiffer, { first, read, since }),
        at: read.time,
        nodes: [first.node, read.node],
        events: [first.index, read.index],
      };
    }
    return { ok: true };
  },
};

/** Every scenario's checkers, in the order a failure is reported. */
export const counterCheckers: Checker[] = [
  answersEveryRequest,
  boundedReads,
  readsOwnAdds,
  noLostIncrement,
  convergence,
];
