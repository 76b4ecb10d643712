import { CLIENT } from '../../../src/kernel';
import { ClusterTimeline, fmtMs, handlerRuns, type Checker, type CheckedRun } from '../../../src/grader';
import { readCounterHistory, subsetRange, type CounterRead } from './history';

/**
 * How long the cluster must have been calm (every node up, no partition, no fault since the
 * timeline's `quietSince`, no Add arriving) before every read must count every add. A correct node
 * sends its state to its peers at least every 500 ms (the contract says so), and links take at
 * most a few tens of ms in every scenario: two rounds of exchange fit in it.
 */
export const SETTLE_MS = 1000;

/** What a node answers to each request the client sends. */
const answer: Partial<Record<string, string>> = { Add: 'AddOk', Read: 'ReadOk' };

/** Every Add and Read gets its answer, in the handler that receives it; a ReadOk's value is a whole number. */
export const answersEveryRequest: Checker = {
  name: 'answers-every-request',
  translations: {
    'zh-cn': { property: '节点对每个 Add 回复 AddOk，对每个 Read 回复 ReadOk，就在收到请求的那个处理函数里回复' },
  },
  property: 'a node answers every Add with an AddOk and every Read with a ReadOk, in the handler that receives it',
  check({ trace }) {
    for (const { node, time, index, request, sends } of handlerRuns(trace)) {
      if (request?.from !== CLIENT) continue;
      const expected = answer[request.msg.type];
      if (expected === undefined) continue;
      const reply = sends.find((s) => s.to === CLIENT && s.msg.type === expected && s.msg.id === request.msg.id);
      if (reply === undefined) {
        return {
          ok: false,
          explanation: `${node} received ${request.msg.type} ${String(request.msg.id)} at ${fmtMs(time)} and sent no ${expected} with that id to "client" from the same handler: answer every request at once`,
          at: time,
          nodes: [node],
          events: [index],
        };
      }
      const value = reply.msg.value;
      if (expected === 'ReadOk' && !(typeof value === 'number' && Number.isInteger(value))) {
        return {
          ok: false,
          explanation: `${node} answered Read ${String(request.msg.id)} at ${fmtMs(time)} with value ${JSON.stringify(value)}: a ReadOk's value is a whole number`,
          at: time,
          nodes: [node],
          events: [reply.index],
        };
      }
    }
    return { ok: true };
  },
};

/**
 * A read counts each add at most once: its value is the sum of some of the adds that have reached
 * a node so far, so it lies between the sum of their negative deltas and the sum of their positive
 * ones. A merge that adds states instead of taking maxima breaks it as soon as a state arrives twice.
 */
export const boundedReads: Checker = {
  name: 'bounded-reads',
  translations: { 'zh-cn': { property: '读只计入在它之前到达过某个节点的加法，每次至多计一次' } },
  property: 'a read counts only adds that reached a node before it, each at most once',
  check({ trace }) {
    const history = readCounterHistory(trace);
    let next = 0;
    let low = 0;
    let high = 0;
    for (const read of history.reads) {
      for (; next < history.adds.length && history.adds[next]!.index < read.index; next++) {
        const d = history.adds[next]!.delta;
        if (d < 0) low += d;
        else high += d;
      }
      if (read.value === undefined || (read.value >= low && read.value <= high)) continue;
      const which =
        read.value > high
          ? `more than all ${next} adds so far could make (${high}, their positive deltas together)`
          : `less than all ${next} adds so far could make (${low}, their negative deltas together)`;
      return {
        ok: false,
        explanation: `${read.node} read ${read.value} at ${fmtMs(read.time)}, ${which}: some add was counted more than once`,
        at: read.time,
        nodes: [read.node],
        events: [read.index],
      };
    }
    return { ok: true };
  },
};

/**
 * Read your own adds, at one node: a read at a node counts every add that node has acknowledged,
 * after a crash too, plus some of the other adds made so far. Its value lies between the node's own
 * acknowledged sum plus the others' negative deltas and that sum plus their positive ones.
 */
export const readsOwnAdds: Checker = {
  name: 'reads-own-adds',
  translations: { 'zh-cn': { property: '在某个节点上的读，计入该节点在此之前确认过的每一次加法，重启后也一样' } },
  property: 'a read at a node counts every add that node acknowledged before it, after a restart too',
  check({ trace }) {
    const history = readCounterHistory(trace);
    for (const read of history.reads) {
      if (read.value === undefined) continue;
      const own = history.acks.filter((a) => a.node === read.node && a.index < read.index);
      const ownIds = new Set(own.map((a) => a.id));
      const ownSum = own.reduce((sum, a) => sum + a.delta, 0);
      const others = subsetRange(
        history.adds.filter((a) => a.index < read.index && !ownIds.has(a.id)).map((a) => a.delta),
      );
      if (read.value >= ownSum + others.low && read.value <= ownSum + others.high) continue;
      const crash = [...trace.ofKind('crash')].filter((c) => c.node === read.node && c.index < read.index).at(-1);
      return {
        ok: false,
        explanation:
          `${read.node} read ${read.value} at ${fmtMs(read.time)}, but it had acknowledged adds summing to ${ownSum} (${own.length} of them), and the other adds so far can move that only to between ${ownSum + others.low} and ${ownSum + others.high}: ` +
          (crash === undefined
            ? 'its own adds are not all counted'
            : `its own adds are not all counted since it crashed at ${fmtMs(crash.time)} — keep them in ctx.storage`),
        at: read.time,
        nodes: [read.node],
        events: [read.index],
      };
    }
    return { ok: true };
  },
};

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
  translations: {
    'zh-cn': { property: `集群平静、且 ${fmtMs(SETTLE_MS)} 内没有新的加法到达之后，每次读都计入所有被确认的加法` },
  },
  property: `once the cluster has been calm and no add has arrived for ${fmtMs(SETTLE_MS)}, every read counts every acknowledged add`,
  check(run) {
    const history = readCounterHistory(run.trace);
    const acked = new Set(history.acks.map((a) => a.id));
    const ackedSum = history.acks.reduce((sum, a) => sum + a.delta, 0);
    const unknown = history.adds.filter((a) => !acked.has(a.id));
    const { low, high } = subsetRange(unknown.map((a) => a.delta));
    for (const { read, since } of settledReads(run)) {
      if (read.value === undefined || (read.value >= ackedSum + low && read.value <= ackedSum + high)) continue;
      const bound =
        unknown.length === 0
          ? `exactly ${ackedSum}`
          : `between ${ackedSum + low} and ${ackedSum + high} (${unknown.length} adds reached a node but were never acknowledged: they may count or not)`;
      return {
        ok: false,
        explanation: `${read.node} read ${read.value} at ${fmtMs(read.time)}, but the ${history.acks.length} acknowledged adds sum to ${ackedSum}, so it must read ${bound}: every node has been up and connected, with no fault and no new add, since ${fmtMs(since)}`,
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
        explanation: `${first.node} read ${first.value} at ${fmtMs(first.time)} and ${read.node} read ${read.value} at ${fmtMs(read.time)}, although every node has been up and connected, with no fault and no new add, since ${fmtMs(since)}: the replicas have not converged`,
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
