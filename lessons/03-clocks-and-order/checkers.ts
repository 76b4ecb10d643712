import type { NodeId } from '../../src/kernel';
import { fmtMs, measuredChecker, type Checker } from '../../src/grader';
import { causality, compareClocks, formatClock, type Broadcast, type ClockOrder, type Delivery } from './causality';

/** Efficiency's limit: a summary every 50 ms per peer is 20, and each broadcast and resend adds one. */
export const MESSAGES_PER_SECOND_PER_PEER = 60;

const origin = (b: Broadcast): string => `${b.id} (broadcast by ${b.origin} at ${fmtMs(b.time)})`;

/** Non-triviality: a node asked to broadcast delivers the message itself at once. */
export const validity: Checker = {
  name: 'validity',
  translations: { 'zh-cn': { property: '被请求广播一条消息的节点，要在处理这个请求的处理函数里自己交付它' } },
  property: 'a node asked to broadcast a message delivers it itself, in the handler of the request',
  check({ trace }) {
    const [first] = causality(trace).missed;
    if (first === undefined) return { ok: true };
    return {
      ok: false,
      explanation: `validity: ${first.node} was asked to broadcast ${first.id} at ${fmtMs(first.time)} and did not deliver it in that handler`,
      at: first.time,
      nodes: [first.node],
      events: [first.index],
    };
  },
};

/** Integrity: each broadcast message at most once per node, and nothing that was not broadcast. */
export const noDuplicates: Checker = {
  name: 'no-duplicates',
  translations: { 'zh-cn': { property: '每个节点对每条被广播的消息至多交付一次，而且只交付确实被广播过的消息' } },
  property: 'every node delivers each broadcast message at most once, and only messages that were broadcast',
  check({ trace }) {
    const { broadcasts, deliveries, strays } = causality(trace);
    const [stray] = strays;
    if (stray !== undefined) {
      return {
        ok: false,
        explanation: `no-duplicates: ${stray.node} delivered ${stray.id} at ${fmtMs(stray.time)}, a message nobody had broadcast by then`,
        at: stray.time,
        nodes: [stray.node],
        events: [stray.index],
      };
    }
    const firstAt = new Map<string, number>([...broadcasts.values()].map((b) => [`${b.origin}/${b.id}`, b.time]));
    for (const d of deliveries) {
      const key = `${d.node}/${d.id}`;
      const earlier = firstAt.get(key);
      if (earlier !== undefined) {
        return {
          ok: false,
          explanation: `no-duplicates: ${d.node} delivered ${d.id} twice, at ${fmtMs(earlier)} and again at ${fmtMs(d.time)}`,
          at: d.time,
          nodes: [d.node],
          events: [d.index],
        };
      }
      firstAt.set(key, d.time);
    }
    return { ok: true };
  },
};

/** Causal delivery, against the happens-before graph the trace itself shows. */
export const causalDelivery: Checker = {
  name: 'causal-delivery',
  translations: { 'zh-cn': { property: '如果消息 m1 先于 m2 发生，每个节点都先交付 m1，再交付 m2' } },
  property: 'if message m1 happened before m2, every node delivers m1 before m2',
  check({ trace }) {
    const { broadcasts, deliveries } = causality(trace);
    const seen = new Map<NodeId, Set<string>>();
    const deliveredAt = (node: NodeId): Set<string> => {
      const set = seen.get(node) ?? new Set<string>();
      seen.set(node, set);
      return set;
    };
    // Origins deliver at broadcast time; replay every delivery in trace order.
    const all = [
      ...[...broadcasts.values()].map((b) => ({ node: b.origin, id: b.id, time: b.time, index: b.index })),
      ...deliveries,
    ].sort((a, b) => a.index - b.index);
    for (const d of all) {
      const got = deliveredAt(d.node);
      const message = broadcasts.get(d.id) as Broadcast;
      const missing = [...message.before].find((id) => !got.has(id));
      if (missing !== undefined) {
        const earlier = broadcasts.get(missing) as Broadcast;
        return {
          ok: false,
          explanation: `causal-delivery: ${d.node} delivered ${origin(message)} at ${fmtMs(d.time)} before ${origin(earlier)}, which happened before it`,
          at: d.time,
          nodes: [d.node, message.origin],
          events: [d.index, message.index, earlier.index],
        };
      }
      got.add(d.id);
    }
    return { ok: true };
  },
};

const orderInWords: Record<ClockOrder, string> = {
  before: 'before',
  after: 'after',
  equal: 'equal to',
  concurrent: 'concurrent with',
};

/** The clock condition, both ways: vector order is exactly happens-before. */
export const clockCondition: Checker = {
  name: 'clock-condition',
  translations: {
    'zh-cn': {
      property:
        '每个节点对同一条消息报告同一个时间戳，而且 m1 的时间戳小于 m2 的，当且仅当 m1 先于 m2 发生（并发消息的时间戳互不可比）',
    },
  },
  property:
    "every node reports one timestamp per message, and m1's is less than m2's exactly when m1 happened before m2 (concurrent messages have incomparable timestamps)",
  check({ trace }) {
    const { broadcasts, deliveries } = causality(trace);
    for (const d of deliveries) {
      const b = broadcasts.get(d.id) as Broadcast;
      if (compareClocks(d.clock, b.clock) !== 'equal') {
        return {
          ok: false,
          explanation: `clock-condition: ${d.node} delivered ${d.id} at ${fmtMs(d.time)} with timestamp ${formatClock(d.clock)}, but ${b.origin} broadcast it with ${formatClock(b.clock)}`,
          at: d.time,
          nodes: [d.node, b.origin],
          events: [d.index, b.index],
        };
      }
    }
    const all = [...broadcasts.values()];
    for (const [i, later] of all.entries()) {
      for (const earlier of all.slice(0, i)) {
        const truth: ClockOrder = later.before.has(earlier.id) ? 'before' : 'concurrent';
        const stamped = compareClocks(earlier.clock, later.clock);
        if (stamped === truth) continue;
        const fact = truth === 'before' ? 'happened before' : 'is concurrent with';
        return {
          ok: false,
          explanation: `clock-condition: ${origin(earlier)} ${fact} ${origin(later)}, but its timestamp ${formatClock(earlier.clock)} is ${orderInWords[stamped]} ${formatClock(later.clock)}`,
          at: later.time,
          nodes: [earlier.origin, later.origin],
          events: [earlier.index, later.index],
        };
      }
    }
    return { ok: true };
  },
};

/** Agreement, asked of the heal window: every broadcast reaches every node up at the end. */
export const agreement: Checker = {
  name: 'agreement',
  translations: { 'zh-cn': { property: '故障平息之后，每条被广播的消息都被每个在线节点交付' } },
  property: 'once the faults heal, every broadcast message is delivered by every node that is up',
  check({ trace, nodes, duration }) {
    const { broadcasts, deliveries, upAtEnd } = causality(trace);
    const got = new Set(deliveries.map((d) => `${d.node}/${d.id}`));
    for (const b of broadcasts.values()) {
      for (const node of nodes) {
        if (node === b.origin || upAtEnd.get(node) === false || got.has(`${node}/${b.id}`)) continue;
        return {
          ok: false,
          explanation: `agreement: ${node} never delivered ${origin(b)}, by the end of the run at ${fmtMs(duration)}`,
          at: duration,
          nodes: [node, b.origin],
          events: [b.index],
        };
      }
    }
    return { ok: true };
  },
};

/** On a calm network, how long the slowest message takes from its broadcast to its last delivery. */
export const PROPAGATION_LIMIT_MS = 25;

/** Efficiency where nothing fails: a message goes out when it is broadcast, not at the next resend. */
export const propagation: Checker = measuredChecker({
  name: 'propagation',
  translations: {
    'zh-cn': { property: `在平静的网络上，每条消息在广播后 ${PROPAGATION_LIMIT_MS} 毫秒内送达每个节点` },
  },
  property: `on a calm network every message reaches every node within ${PROPAGATION_LIMIT_MS} ms of its broadcast`,
  figure: 'ms from a broadcast to its last delivery (slowest message)',
  limit: PROPAGATION_LIMIT_MS,
  bound: 'at-most',
  measure({ trace }) {
    const { broadcasts, deliveries } = causality(trace);
    const slowest = deliveries.reduce<Delivery | undefined>((worst, d) => {
      const delay = (d: Delivery): number => d.time - (broadcasts.get(d.id) as Broadcast).time;
      return worst === undefined || delay(d) > delay(worst) ? d : worst;
    }, undefined);
    if (slowest === undefined) return undefined;
    const b = broadcasts.get(slowest.id) as Broadcast;
    return {
      value: Math.round(slowest.time - b.time),
      detail: `${slowest.node} delivered ${origin(b)} at ${fmtMs(slowest.time)}`,
      at: slowest.time,
      nodes: [slowest.node, b.origin],
      events: [b.index, slowest.index],
    };
  },
});

/** Efficiency: resending is needed, flooding is not. */
export const efficiency: Checker = measuredChecker({
  name: 'efficiency',
  translations: { 'zh-cn': { property: `每个节点每秒发给每个对端的消息至多 ${MESSAGES_PER_SECOND_PER_PEER} 条` } },
  property: `each node sends at most ${MESSAGES_PER_SECOND_PER_PEER} messages per second to each peer`,
  figure: 'messages per second per peer (busiest node)',
  limit: MESSAGES_PER_SECOND_PER_PEER,
  bound: 'at-most',
  measure({ trace, nodes, duration }) {
    const sent = new Map<NodeId, number>(nodes.map((n) => [n, 0]));
    for (const e of trace.ofKind('send')) {
      if (e.peer !== undefined && nodes.includes(e.peer)) sent.set(e.node, (sent.get(e.node) ?? 0) + 1);
    }
    const [busiest, count] = [...sent].reduce((a, b) => (b[1] > a[1] ? b : a));
    const peers = nodes.length - 1;
    return {
      value: count / (duration / 1000) / peers,
      detail: `${busiest} sent ${count} messages to its ${peers} peers between 0 ms and ${fmtMs(duration)}`,
      at: duration,
      nodes: [busiest],
    };
  },
});

/** Every scenario's checkers, the most specific cause first. */
export const allCheckers: Checker[] = [validity, noDuplicates, causalDelivery, clockCondition, agreement, efficiency];
