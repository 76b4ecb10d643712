import type { NodeId, Trace } from '../../src/kernel';
import { fmtMs, measuredChecker, view, type Checker, type Text } from '../../src/grader';
import { readBroadcastHistory } from './history';

/** The limits, as Gossip Glomers sets them for its efficient broadcast: every node is one 100 ms hop from every other. */
export const EFFICIENCY_LIMITS = { messagesPerBroadcast: 20, medianLatencyMs: 500, maxLatencyMs: 800 };

/**
 * Messages between nodes (the client's requests and the answers to them left out) per broadcast
 * the nodes received: what gossip costs the network.
 */
export const messagesPerBroadcast: Checker = measuredChecker({
  name: 'messages-per-broadcast',
  translations: {
    'zh-cn': {
      property: `每次广播，节点之间最多互发 ${EFFICIENCY_LIMITS.messagesPerBroadcast} 条消息`,
      figure: '每次广播时节点之间的消息数',
    },
  },
  property: `the nodes send at most ${EFFICIENCY_LIMITS.messagesPerBroadcast} messages to each other per broadcast`,
  figure: 'messages between nodes per broadcast',
  limit: EFFICIENCY_LIMITS.messagesPerBroadcast,
  bound: 'at-most',
  measure({ trace, nodes }) {
    const broadcasts = readBroadcastHistory(trace).firstBroadcast.size;
    if (broadcasts === 0) return undefined;
    const members = new Set(nodes);
    const byType = new Map<string, number>();
    const bySender = new Map<NodeId, number>();
    let sent = 0;
    let last = 0;
    for (const e of trace.ofKind('send')) {
      if (!members.has(e.node) || e.peer === undefined || !members.has(e.peer)) continue;
      sent++;
      last = e.time;
      byType.set(e.data.type, (byType.get(e.data.type) ?? 0) + 1);
      bySender.set(e.node, (bySender.get(e.node) ?? 0) + 1);
    }
    if (sent === 0)
      return {
        value: 0,
        detail: {
          en: `no messages between nodes for ${broadcasts} broadcasts`,
          'zh-cn': `${broadcasts} 次广播，节点之间没有消息`,
        },
      };
    const types = [...byType].map(([type, n]) => `${type} ${n}`);
    const [busiest, most] = [...bySender].reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      value: sent / broadcasts,
      detail: {
        en: `${sent} messages between nodes (${types.join(', ')}) for ${broadcasts} broadcasts; ${busiest} sent the most, ${most}, and the last message between nodes left at ${fmtMs(last)}`,
        'zh-cn': `${broadcasts} 次广播，节点之间发了 ${sent} 条消息（${types.join('、')}）；${busiest} 发得最多，${most} 条，节点之间的最后一条消息在 ${fmtMs(last)} 发出`,
      },
      at: last,
      nodes: [busiest],
    };
  },
});

/** How long a value took to reach every node: from its Broadcast reaching a node to the first read of the last node that holds it for good. */
interface Propagation {
  value: number;
  origin: NodeId;
  from: number;
  /** Infinity when some node's last read lacks it. */
  latency: number;
  /** The node it reached last, and when. */
  last: NodeId;
  at: number;
}

function propagations(trace: Trace): Propagation[] {
  return view(trace, readPropagations);
}

function readPropagations(trace: Trace): Propagation[] {
  const history = readBroadcastHistory(trace);
  const readsByNode = new Map<NodeId, typeof history.reads>();
  for (const r of history.reads) readsByNode.set(r.node, [...(readsByNode.get(r.node) ?? []), r]);
  return [...history.firstBroadcast.values()].map((b) => {
    let last: NodeId = b.node;
    let at = b.time;
    for (const [node, reads] of readsByNode) {
      // The read from which on every read of this node returns the value.
      let since = Infinity;
      for (let i = reads.length - 1; i >= 0 && reads[i]!.values?.has(b.value) === true; i--) since = reads[i]!.time;
      if (since > at) {
        at = since;
        last = node;
      }
    }
    return { value: b.value, origin: b.node, from: b.time, latency: at - b.time, last, at };
  });
}

function describe(p: Propagation): Text {
  return Number.isFinite(p.latency)
    ? {
        en: `${p.value}, broadcast to ${p.origin} at ${fmtMs(p.from)}, is in every read of ${p.last} only from ${fmtMs(p.at)} on`,
        'zh-cn': `在 ${fmtMs(p.from)} 广播给 ${p.origin} 的 ${p.value}，直到 ${fmtMs(p.at)} 起才出现在 ${p.last} 的每次读中`,
      }
    : {
        en: `${p.value}, broadcast to ${p.origin} at ${fmtMs(p.from)}, is missing from ${p.last}'s last read`,
        'zh-cn': `在 ${fmtMs(p.from)} 广播给 ${p.origin} 的 ${p.value}，${p.last} 的最后一次读里没有它`,
      };
}

export const medianLatency: Checker = measuredChecker({
  name: 'median-latency',
  translations: {
    'zh-cn': {
      property: `一半的广播值在 ${fmtMs(EFFICIENCY_LIMITS.medianLatencyMs)} 内到达每个节点`,
      figure: '传播延迟的中位数（ms）',
    },
  },
  property: `half the broadcast values reach every node within ${fmtMs(EFFICIENCY_LIMITS.medianLatencyMs)}`,
  figure: 'ms median propagation latency',
  limit: EFFICIENCY_LIMITS.medianLatencyMs,
  bound: 'at-most',
  digits: 0,
  measure({ trace }) {
    const all = [...propagations(trace)].sort((a, b) => a.latency - b.latency);
    if (all.length === 0) return undefined;
    const median = all[Math.floor((all.length - 1) / 2)]!;
    return {
      value: median.latency,
      detail: {
        en: `over ${all.length} broadcasts, from a Broadcast reaching its node to the first read of the last node to hold the value for good; the median one: ${describe(median).en}`,
        'zh-cn': `统计 ${all.length} 次广播，从 Broadcast 到达它的节点，到最后一个稳定持有该值的节点的第一次读；居中的那次：${describe(median)['zh-cn']}`,
      },
      at: median.at,
      nodes: [median.origin, median.last],
    };
  },
});

export const maxLatency: Checker = measuredChecker({
  name: 'max-latency',
  translations: {
    'zh-cn': {
      property: `每个广播值都在 ${fmtMs(EFFICIENCY_LIMITS.maxLatencyMs)} 内到达每个节点`,
      figure: '传播延迟的最大值（ms）',
    },
  },
  property: `every broadcast value reaches every node within ${fmtMs(EFFICIENCY_LIMITS.maxLatencyMs)}`,
  figure: 'ms maximum propagation latency',
  limit: EFFICIENCY_LIMITS.maxLatencyMs,
  bound: 'at-most',
  digits: 0,
  measure({ trace }) {
    const all = propagations(trace);
    if (all.length === 0) return undefined;
    const worst = all.reduce((a, b) => (b.latency > a.latency ? b : a));
    return {
      value: worst.latency,
      detail: {
        en: `the slowest of ${all.length} broadcasts: ${describe(worst).en}`,
        'zh-cn': `${all.length} 次广播中最慢的一次：${describe(worst)['zh-cn']}`,
      },
      at: worst.at,
      nodes: [worst.origin, worst.last],
    };
  },
});

export const efficiencyCheckers: Checker[] = [messagesPerBroadcast, medianLatency, maxLatency];
