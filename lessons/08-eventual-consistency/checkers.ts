import { CLIENT, type AnyMessage, type NodeId } from '../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  handlerRuns,
  incrementalCheck,
  overHandlerRuns,
  type Checker,
  type CheckedRun,
  type HandlerRun,
  type Template,
  type Text,
  type Verdict,
} from '../../src/grader';
import { readBroadcastHistory, readHistoryEvent, type ReadAnswer, type Received } from './history';

/**
 * How long the cluster must have been calm (every node up, no partition, no fault since the
 * timeline's `quietSince`) before a read must hold every value acknowledged a while ago. A correct
 * node resends unacknowledged gossip at least every 500 ms (the contract says so), and links take
 * at most a few tens of ms in every faulty scenario: one resend and its answer fit twice over.
 */
export const SETTLE_MS = 1000;

/** A request from the client left unanswered by the handler that received it (both exercises of the lesson). */
const requestUnanswered: Template<{ node: NodeId; type: string; id: unknown; time: number; expected: string }> = {
  en: ({ node, type, id, time, expected }) =>
    `${node} received ${type} ${String(id)} at ${fmtMs(time)} and sent no ${expected} with that id to "client" from the same handler: answer every request at once`,
  'zh-cn': ({ node, type, id, time, expected }) =>
    `${node} 在 ${fmtMs(time)} 收到 ${type} ${String(id)}，却没有在同一个处理函数里给 "client" 回一个带这个 id 的 ${expected}：每个请求都要立刻回答`,
};

const malformedValues: Template<{ node: NodeId; id: unknown; time: number; values: unknown }> = {
  en: ({ node, id, time, values }) =>
    `${node} answered Read ${String(id)} at ${fmtMs(time)} with values ${JSON.stringify(values)}: a ReadOk's values are an array of numbers`,
  'zh-cn': ({ node, id, time, values }) =>
    `${node} 在 ${fmtMs(time)} 回答 Read ${String(id)} 时给的 values 是 ${JSON.stringify(values)}：ReadOk 的 values 是一个数字数组`,
};

const inventedValue: Template<{ read: ReadAnswer; value: number; first: { node: NodeId; time: number } | undefined }> =
  {
    en: ({ read, value, first }) =>
      `${read.node} returned ${value} in its read at ${fmtMs(read.time)}, but ${first === undefined ? 'no client ever broadcast that value' : `the first Broadcast of ${value} reached ${first.node} only at ${fmtMs(first.time)}`}`,
    'zh-cn': ({ read, value, first }) =>
      `${read.node} 在 ${fmtMs(read.time)} 的读返回了 ${value}，可是${first === undefined ? '从来没有客户端广播过这个值' : `${value} 的第一个 Broadcast 直到 ${fmtMs(first.time)} 才到达 ${first.node}`}`,
  };

const valueLost: Template<{
  node: NodeId;
  acknowledged: boolean;
  value: number;
  since: number;
  read: number;
  crash: number | undefined;
}> = {
  en: ({ node, acknowledged, value, since, read, crash }) =>
    `${node} ${acknowledged ? 'acknowledged' : 'returned'} ${value} at ${fmtMs(since)}, but its read at ${fmtMs(read)} does not return it` +
    (crash === undefined ? '' : `: ${node} crashed at ${fmtMs(crash)} in between — keep values in ctx.storage`),
  'zh-cn': ({ node, acknowledged, value, since, read, crash }) =>
    `${node} 在 ${fmtMs(since)} ${acknowledged ? '确认了' : '返回过'} ${value}，它在 ${fmtMs(read)} 的读却没有返回它` +
    (crash === undefined ? '' : `：${node} 在这期间于 ${fmtMs(crash)} 崩溃过——要把值存进 ctx.storage`),
};

type Missing = { missing: Vouched; read: ReadAnswer; calmSince: number };

const acknowledgedMissing: Template<Missing> = {
  en: ({ missing, read, calmSince }) =>
    `${missing.node} acknowledged ${missing.value} at ${fmtMs(missing.time)}, but ${read.node}'s read at ${fmtMs(read.time)} does not return it, although every node has been up and connected, with no fault, since ${fmtMs(calmSince)}: pass every value on to every node, and resend what was lost`,
  'zh-cn': ({ missing, read, calmSince }) =>
    `${missing.node} 在 ${fmtMs(missing.time)} 确认了 ${missing.value}，${read.node} 在 ${fmtMs(read.time)} 的读却没有返回它，尽管从 ${fmtMs(calmSince)} 起每个节点都在线、彼此连通，也没有任何故障：要把每个值传给每个节点，并重发丢失的消息`,
};

const notConverged: Template<Missing> = {
  en: ({ missing, read, calmSince }) =>
    `${missing.node} returned ${missing.value} in a read at ${fmtMs(missing.time)}, but ${read.node}'s read at ${fmtMs(read.time)} does not, although every node has been up and connected, with no fault, since ${fmtMs(calmSince)}: the nodes have not converged`,
  'zh-cn': ({ missing, read, calmSince }) =>
    `${missing.node} 在 ${fmtMs(missing.time)} 的读返回了 ${missing.value}，${read.node} 在 ${fmtMs(read.time)} 的读却没有，尽管从 ${fmtMs(calmSince)} 起每个节点都在线、彼此连通，也没有任何故障：节点之间还没有收敛`,
};

/** What a node answers to each request the client sends. */
const answer: Partial<Record<string, string>> = { Broadcast: 'BroadcastOk', Read: 'ReadOk' };

/**
 * Every Broadcast and Read gets its answer, in the handler that receives it: a node that never
 * answers keeps every other rule, so this rule is what makes doing nothing fail. A ReadOk carries
 * an array of numbers.
 */
export const answersEveryRequest: Checker = {
  name: 'answers-every-request',
  safety: true,
  translations: {
    'zh-cn': {
      property: '节点对每个 Broadcast 回复 BroadcastOk，对每个 Read 回复 ReadOk，就在收到请求的那个处理函数里回复',
    },
  },
  property:
    'a node answers every Broadcast with a BroadcastOk and every Read with a ReadOk, in the handler that receives it',
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
  const values = reply.values;
  if (Array.isArray(values) && values.every((v) => typeof v === 'number')) return undefined;
  return fill(malformedValues, { ...at, values });
});

/**
 * answers-every-request's rule for one handler run, for requests of the types `answer` lists (each
 * with its answer's type): a request from the client is answered in the handler that receives
 * it, and a ReadOk is well formed, which `malformedRead` judges (what is wrong when it is not).
 */
export function answerRule(
  answer: Partial<Record<string, string>>,
  malformedRead: (reply: AnyMessage, at: { node: NodeId; id: unknown; time: number }) => Text | undefined,
): (run: HandlerRun) => Verdict | undefined {
  return ({ node, time, index, request, sends }) => {
    if (request?.from !== CLIENT) return undefined;
    const expected = answer[request.msg.type];
    if (expected === undefined) return undefined;
    const reply = sends.find((s) => s.to === CLIENT && s.msg.type === expected && s.msg.id === request.msg.id);
    if (reply === undefined) {
      return {
        ok: false,
        explanation: fill(requestUnanswered, { node, type: request.msg.type, id: request.msg.id, time, expected }),
        at: time,
        nodes: [node],
        events: [index],
      };
    }
    const malformed = expected === 'ReadOk' ? malformedRead(reply.msg, { node, id: request.msg.id, time }) : undefined;
    if (malformed === undefined) return undefined;
    return { ok: false, explanation: malformed, at: time, nodes: [node], events: [reply.index] };
  };
}

export const noInventedValues: Checker = {
  name: 'no-invented-values',
  safety: true,
  translations: { 'zh-cn': { property: '读只返回在它之前某个节点从 Broadcast 里收到过的值' } },
  property: 'a read returns only values some node received in a Broadcast before it',
  check({ trace }) {
    const history = readBroadcastHistory(trace);
    for (const read of history.reads) {
      for (const v of read.values ?? []) {
        const first = history.firstBroadcast.get(v);
        if (first !== undefined && first.index < read.index) continue;
        return {
          ok: false,
          explanation: fill(inventedValue, { read, value: v, first }),
          at: read.time,
          nodes: [read.node],
          events: [read.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** The values a node has received in a Broadcast so far. */
    begin: () => ({ received: new Map() as Received, broadcast: new Set<number>(), broken: false }),
    event(checked, e) {
      const step = readHistoryEvent(checked.received, e);
      if (step?.kind === 'broadcast') checked.broadcast.add(step.broadcast.value);
      else if (step?.kind === 'read' && [...(step.read.values ?? [])].some((v) => !checked.broadcast.has(v)))
        checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/**
 * A node never forgets: once it has acknowledged a value or returned it in a read, every later
 * read of that node returns it, across a crash too (acknowledging promises the value is stored).
 */
export const keepsValues: Checker = {
  name: 'keeps-values',
  safety: true,
  translations: {
    'zh-cn': { property: '节点一旦确认过某个值或在读中返回过它，之后它的每次读都返回这个值，重启后也一样' },
  },
  property:
    'once a node has acknowledged a value or returned it in a read, every later read of that node returns it, after a restart too',
  check({ trace }) {
    const history = readBroadcastHistory(trace);
    const crashes = new Map<NodeId, number[]>();
    for (const e of trace.ofKind('crash')) crashes.set(e.node, [...(crashes.get(e.node) ?? []), e.time]);
    /** Per node: each value it must keep, and since when (its acknowledgement, or the read that first returned it). */
    const kept = new Map<NodeId, Map<number, { how: string; time: number; index: number }>>();
    const keptBy = (node: NodeId) => kept.get(node) ?? kept.set(node, new Map()).get(node)!;
    const events = [
      ...history.acks.map((a) => ({ index: a.index, ack: a, read: undefined })),
      ...history.reads.map((r) => ({ index: r.index, ack: undefined, read: r })),
    ].sort((a, b) => a.index - b.index);
    for (const { ack, read } of events) {
      if (ack !== undefined) {
        const mine = keptBy(ack.node);
        if (!mine.has(ack.value)) mine.set(ack.value, { how: 'acknowledged', time: ack.time, index: ack.index });
        continue;
      }
      if (read?.values === undefined) continue;
      const mine = keptBy(read.node);
      for (const [value, since] of mine) {
        if (read.values.has(value)) continue;
        const crash = crashes.get(read.node)?.find((t) => t >= since.time && t < read.time);
        return {
          ok: false,
          explanation: fill(valueLost, {
            node: read.node,
            acknowledged: since.how === 'acknowledged',
            value,
            since: since.time,
            read: read.time,
            crash,
          }),
          at: read.time,
          nodes: [read.node],
          events: [since.index, read.index],
        };
      }
      for (const v of read.values)
        if (!mine.has(v)) mine.set(v, { how: 'returned', time: read.time, index: read.index });
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** Per node, the values it must keep: acknowledged, or returned in a read. */
    begin: () => ({ received: new Map() as Received, kept: new Map<NodeId, Set<number>>(), broken: false }),
    event(checked, e) {
      const step = readHistoryEvent(checked.received, e);
      if (step === undefined || step.kind === 'broadcast' || checked.broken) return;
      const node = step.kind === 'ack' ? step.ack.node : step.read.node;
      const mine = checked.kept.get(node) ?? new Set<number>();
      checked.kept.set(node, mine);
      if (step.kind === 'ack') {
        mine.add(step.ack.value);
        return;
      }
      const values = step.read.values;
      if (values === undefined) return;
      if ([...mine].some((v) => !values.has(v))) checked.broken = true;
      for (const v of values) mine.add(v);
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** A value and when some node first vouched for it: by acknowledging it, or by returning it in a read. */
interface Vouched {
  value: number;
  node: NodeId;
  time: number;
  index: number;
}

/**
 * Reads sent when every node is up, nothing has failed for SETTLE_MS and no partition is in force,
 * each with the time since when the cluster has been calm.
 */
function calmReads(
  { trace, nodes }: CheckedRun,
  reads: readonly ReadAnswer[],
): { read: ReadAnswer; calmSince: number }[] {
  const timeline = new ClusterTimeline(trace, nodes);
  const calm: { read: ReadAnswer; calmSince: number }[] = [];
  for (const read of reads) {
    timeline.advanceTo(read.time);
    const calmSince = timeline.quietSince();
    if (timeline.upNodes().length === nodes.length && !timeline.partitioned() && read.time - calmSince >= SETTLE_MS)
      calm.push({ read, calmSince });
  }
  return calm;
}

/** The first read that lacks a value vouched for at least SETTLE_MS before it, in a calm cluster. */
function firstMissing(run: CheckedRun, vouched: readonly Vouched[]) {
  const history = readBroadcastHistory(run.trace);
  for (const { read, calmSince } of calmReads(run, history.reads)) {
    const values = read.values;
    if (values === undefined) continue;
    // Vouched for in time order: stop at the first one too recent to be owed.
    for (const v of vouched) {
      if (v.time > read.time - SETTLE_MS) break;
      if (!values.has(v.value)) return { read, calmSince, missing: v };
    }
  }
  return undefined;
}

/** The first time each value was vouched for, in time order. */
function firstOf(items: Iterable<Vouched>): Vouched[] {
  const first = new Map<number, Vouched>();
  for (const v of items) if (!first.has(v.value)) first.set(v.value, v);
  return [...first.values()];
}

/** Each value's first appearance in a read, in time order. */
function* readValues(reads: readonly ReadAnswer[]): Generator<Vouched> {
  for (const r of reads)
    for (const value of r.values ?? []) yield { value, node: r.node, time: r.time, index: r.index };
}

export const acknowledgedEverywhere: Checker = {
  name: 'acknowledged-everywhere',
  anySchedule: true,
  translations: { 'zh-cn': { property: `集群平静 ${fmtMs(SETTLE_MS)} 之后，每个被确认的值都出现在每个节点的读中` } },
  property: `every acknowledged value is returned by every node's reads once the cluster has been calm for ${fmtMs(SETTLE_MS)}`,
  check(run) {
    const acks = firstOf(readBroadcastHistory(run.trace).acks);
    const found = firstMissing(run, acks);
    if (found === undefined) return { ok: true };
    const { read, missing } = found;
    return {
      ok: false,
      explanation: fill(acknowledgedMissing, found),
      at: read.time,
      nodes: [missing.node, read.node],
      events: [missing.index, read.index],
    };
  },
};

export const convergence: Checker = {
  name: 'convergence',
  anySchedule: true,
  translations: {
    'zh-cn': { property: `集群平静 ${fmtMs(SETTLE_MS)} 之后，任何节点在读中返回过的值都出现在每个节点的读中` },
  },
  property: `a value any node has returned in a read is returned by every node's reads once the cluster has been calm for ${fmtMs(SETTLE_MS)}`,
  check(run) {
    const found = firstMissing(run, firstOf(readValues(readBroadcastHistory(run.trace).reads)));
    if (found === undefined) return { ok: true };
    const { read, missing } = found;
    return {
      ok: false,
      explanation: fill(notConverged, found),
      at: read.time,
      nodes: [missing.node, read.node],
      events: [missing.index, read.index],
    };
  },
};

/** Every scenario's correctness checkers, in the order a failure is reported. */
export const correctnessCheckers: Checker[] = [
  answersEveryRequest,
  noInventedValues,
  keepsValues,
  acknowledgedEverywhere,
  convergence,
];
