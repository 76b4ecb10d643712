import type { NodeId } from '../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  incrementalCheck,
  measuredChecker,
  type Checker,
  type Template,
} from '../../src/grader';
import {
  beginCausality,
  causality,
  compareClocks,
  formatClock,
  readCausalityEvent,
  type Broadcast,
  type ClockOrder,
  type Delivery,
} from './causality';

/** Efficiency's limit: a summary every 50 ms per peer is 20, and each broadcast and resend adds one. */
export const MESSAGES_PER_SECOND_PER_PEER = 60;

const origin = (b: Broadcast): string => `${b.id} (broadcast by ${b.origin} at ${fmtMs(b.time)})`;
const originZh = (b: Broadcast): string => `${b.id}（${b.origin} 在 ${fmtMs(b.time)} 广播）`;

type At = { node: NodeId; id: string; time: number };

const notDeliveredAtOnce: Template<At> = {
  en: ({ node, id, time }) =>
    `validity: ${node} was asked to broadcast ${id} at ${fmtMs(time)} and did not deliver it in that handler`,
  'zh-cn': ({ node, id, time }) =>
    `validity：${node} 在 ${fmtMs(time)} 被请求广播 ${id}，却没有在那个处理函数里自己交付它`,
};

const neverBroadcast: Template<At> = {
  en: ({ node, id, time }) =>
    `no-duplicates: ${node} delivered ${id} at ${fmtMs(time)}, a message nobody had broadcast by then`,
  'zh-cn': ({ node, id, time }) =>
    `no-duplicates：${node} 在 ${fmtMs(time)} 交付了 ${id}，而那时还没有谁广播过这条消息`,
};

const deliveredTwice: Template<At & { earlier: number }> = {
  en: ({ node, id, time, earlier }) =>
    `no-duplicates: ${node} delivered ${id} twice, at ${fmtMs(earlier)} and again at ${fmtMs(time)}`,
  'zh-cn': ({ node, id, time, earlier }) =>
    `no-duplicates：${node} 把 ${id} 交付了两次，先在 ${fmtMs(earlier)}，又在 ${fmtMs(time)}`,
};

const outOfCausalOrder: Template<{ node: NodeId; time: number; message: Broadcast; earlier: Broadcast }> = {
  en: ({ node, time, message, earlier }) =>
    `causal-delivery: ${node} delivered ${origin(message)} at ${fmtMs(time)} before ${origin(earlier)}, which happened before it`,
  'zh-cn': ({ node, time, message, earlier }) =>
    `causal-delivery：${node} 在 ${fmtMs(time)} 交付了 ${originZh(message)}，却还没交付先于它发生的 ${originZh(earlier)}`,
};

const stampChanged: Template<{ node: NodeId; time: number; id: string; clock: string; origin: NodeId; sent: string }> =
  {
    en: ({ node, time, id, clock, origin, sent }) =>
      `clock-condition: ${node} delivered ${id} at ${fmtMs(time)} with timestamp ${clock}, but ${origin} broadcast it with ${sent}`,
    'zh-cn': ({ node, time, id, clock, origin, sent }) =>
      `clock-condition：${node} 在 ${fmtMs(time)} 交付 ${id} 时报告的时间戳是 ${clock}，但 ${origin} 广播它时用的是 ${sent}`,
  };

const orderInWordsZh: Record<ClockOrder, string> = {
  before: '小于',
  after: '大于',
  equal: '等于',
  concurrent: '不可比于',
};

const wrongStampOrder: Template<{ earlier: Broadcast; later: Broadcast; truth: ClockOrder; stamped: ClockOrder }> = {
  en: ({ earlier, later, truth, stamped }) =>
    `clock-condition: ${origin(earlier)} ${truth === 'before' ? 'happened before' : 'is concurrent with'} ${origin(later)}, but its timestamp ${formatClock(earlier.clock)} is ${orderInWords[stamped]} ${formatClock(later.clock)}`,
  'zh-cn': ({ earlier, later, truth, stamped }) =>
    `clock-condition：${originZh(earlier)} ${truth === 'before' ? '先于' : '并发于'} ${originZh(later)}，但它的时间戳 ${formatClock(earlier.clock)} ${orderInWordsZh[stamped]} ${formatClock(later.clock)}`,
};

const neverDelivered: Template<{ node: NodeId; message: Broadcast; end: number }> = {
  en: ({ node, message, end }) =>
    `agreement: ${node} never delivered ${origin(message)}, by the end of the run at ${fmtMs(end)}`,
  'zh-cn': ({ node, message, end }) =>
    `agreement：直到运行在 ${fmtMs(end)} 结束，${node} 都没有交付 ${originZh(message)}`,
};

/** Non-triviality: a node asked to broadcast delivers the message itself at once. */
export const validity: Checker = {
  name: 'validity',
  safety: true,
  translations: { 'zh-cn': { property: '被请求广播一条消息的节点，要在处理这个请求的处理函数里自己交付它' } },
  property: 'a node asked to broadcast a message delivers it itself, in the handler of the request',
  check({ trace }) {
    const [first] = causality(trace).missed;
    if (first === undefined) return { ok: true };
    return {
      ok: false,
      explanation: fill(notDeliveredAtOnce, first),
      at: first.time,
      nodes: [first.node],
      events: [first.index],
    };
  },
  incremental: incrementalCheck({
    begin: () => ({ reader: beginCausality(), broken: false }),
    event(checked, e) {
      if (readCausalityEvent(checked.reader, e)?.kind === 'missed') checked.broken = true;
    },
    // A request whose handler is still open (a prefix ends inside it) is missed so far, as `check` reads it.
    verdict: (checked) => !checked.broken && checked.reader.pending.size === 0,
  }),
};

/** Integrity: each broadcast message at most once per node, and nothing that was not broadcast. */
export const noDuplicates: Checker = {
  name: 'no-duplicates',
  safety: true,
  translations: { 'zh-cn': { property: '每个节点对每条被广播的消息至多交付一次，而且只交付确实被广播过的消息' } },
  property: 'every node delivers each broadcast message at most once, and only messages that were broadcast',
  check({ trace }) {
    const { broadcasts, deliveries, strays } = causality(trace);
    const [stray] = strays;
    if (stray !== undefined) {
      return {
        ok: false,
        explanation: fill(neverBroadcast, stray),
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
          explanation: fill(deliveredTwice, { ...d, earlier }),
          at: d.time,
          nodes: [d.node],
          events: [d.index],
        };
      }
      firstAt.set(key, d.time);
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** "node/id" of every delivery so far, the origins' own included. */
    begin: () => ({ reader: beginCausality(), delivered: new Set<string>(), broken: false }),
    event(checked, e) {
      const read = readCausalityEvent(checked.reader, e);
      if (read === undefined || read.kind === 'missed' || checked.broken) return;
      if (read.kind === 'stray') checked.broken = true;
      else if (read.kind === 'broadcast') checked.delivered.add(`${read.broadcast.origin}/${read.broadcast.id}`);
      else {
        const key = `${read.delivery.node}/${read.delivery.id}`;
        if (checked.delivered.has(key)) checked.broken = true;
        checked.delivered.add(key);
      }
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** Causal delivery, against the happens-before graph the trace itself shows. */
export const causalDelivery: Checker = {
  name: 'causal-delivery',
  safety: true,
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
          explanation: fill(outOfCausalOrder, { node: d.node, time: d.time, message, earlier }),
          at: d.time,
          nodes: [d.node, message.origin],
          events: [d.index, message.index, earlier.index],
        };
      }
      got.add(d.id);
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** What each node delivered so far, its own broadcasts included. */
    begin: () => ({ reader: beginCausality(), got: new Map<NodeId, Set<string>>(), broken: false }),
    event(checked, e) {
      const read = readCausalityEvent(checked.reader, e);
      if (read === undefined || read.kind === 'missed' || read.kind === 'stray' || checked.broken) return;
      const { node, id } =
        read.kind === 'broadcast' ? { node: read.broadcast.origin, id: read.broadcast.id } : read.delivery;
      const got = checked.got.get(node) ?? new Set<string>();
      checked.got.set(node, got);
      const message = checked.reader.broadcasts.get(id) as Broadcast;
      if ([...message.before].some((earlier) => !got.has(earlier))) checked.broken = true;
      got.add(id);
    },
    verdict: (checked) => !checked.broken,
  }),
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
  safety: true,
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
          explanation: fill(stampChanged, {
            node: d.node,
            time: d.time,
            id: d.id,
            clock: formatClock(d.clock),
            origin: b.origin,
            sent: formatClock(b.clock),
          }),
          at: d.time,
          nodes: [d.node, b.origin],
          events: [d.index, b.index],
        };
      }
    }
    const all = [...broadcasts.values()];
    for (const [i, later] of all.entries()) {
      for (const earlier of all.slice(0, i)) {
        const { truth, stamped } = stampOrder(earlier, later);
        if (stamped === truth) continue;
        return {
          ok: false,
          explanation: fill(wrongStampOrder, { earlier, later, truth, stamped }),
          at: later.time,
          nodes: [earlier.origin, later.origin],
          events: [earlier.index, later.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ reader: beginCausality(), broken: false }),
    event(checked, e) {
      const read = readCausalityEvent(checked.reader, e);
      if (checked.broken) return;
      if (read?.kind === 'delivery') {
        const sent = checked.reader.broadcasts.get(read.delivery.id) as Broadcast;
        checked.broken = compareClocks(read.delivery.clock, sent.clock) !== 'equal';
      } else if (read?.kind === 'broadcast') {
        for (const earlier of checked.reader.broadcasts.values()) {
          if (earlier === read.broadcast) break;
          const { truth, stamped } = stampOrder(earlier, read.broadcast);
          if (stamped !== truth) checked.broken = true;
        }
      }
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** How an earlier broadcast relates to a later one in truth (the trace's happens-before) and by their stamps. */
function stampOrder(earlier: Broadcast, later: Broadcast): { truth: ClockOrder; stamped: ClockOrder } {
  return {
    truth: later.before.has(earlier.id) ? 'before' : 'concurrent',
    stamped: compareClocks(earlier.clock, later.clock),
  };
}

/** How long a calm network has to deliver a message everywhere: five of the reference's resend rounds. */
export const SETTLE_MS = 250;

/**
 * Agreement, asked of the heal window: every broadcast reaches every node up at the end, once the
 * network has been quiet for `SETTLE_MS` since the faults healed and since the broadcast. Nothing is
 * asked across a partition still in force at the end.
 */
export const agreement: Checker = {
  name: 'agreement',
  anySchedule: true,
  translations: { 'zh-cn': { property: '故障平息之后，每条被广播的消息都被每个在线节点交付' } },
  property: 'once the faults heal, every broadcast message is delivered by every node that is up',
  check({ trace, nodes, duration }) {
    const end = new ClusterTimeline(trace, nodes).advanceTo(duration);
    if (end.partitioned()) return { ok: true };
    const calmSince = end.quietSince();
    const { broadcasts, deliveries, upAtEnd } = causality(trace);
    const got = new Set(deliveries.map((d) => `${d.node}/${d.id}`));
    for (const b of broadcasts.values()) {
      if (duration - Math.max(calmSince, b.time) < SETTLE_MS) continue;
      for (const node of nodes) {
        if (node === b.origin || upAtEnd.get(node) === false || got.has(`${node}/${b.id}`)) continue;
        return {
          ok: false,
          explanation: fill(neverDelivered, { node, message: b, end: duration }),
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
    'zh-cn': {
      property: `在平静的网络上，每条消息在广播后 ${PROPAGATION_LIMIT_MS} 毫秒内送达每个节点`,
      figure: '从广播到最后一次交付的毫秒数（最慢的消息）',
    },
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
      detail: {
        en: `${slowest.node} delivered ${origin(b)} at ${fmtMs(slowest.time)}`,
        'zh-cn': `${slowest.node} 在 ${fmtMs(slowest.time)} 才交付 ${originZh(b)}`,
      },
      at: slowest.time,
      nodes: [slowest.node, b.origin],
      events: [b.index, slowest.index],
    };
  },
});

/** Efficiency: resending is needed, flooding is not. */
export const efficiency: Checker = measuredChecker({
  name: 'efficiency',
  translations: {
    'zh-cn': {
      property: `每个节点每秒发给每个对端的消息至多 ${MESSAGES_PER_SECOND_PER_PEER} 条`,
      figure: '每秒发给每个对端的消息数（最忙的节点）',
    },
  },
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
      detail: {
        en: `${busiest} sent ${count} messages to its ${peers} peers between 0 ms and ${fmtMs(duration)}`,
        'zh-cn': `${busiest} 在 0 ms 到 ${fmtMs(duration)} 之间向它的 ${peers} 个对端发了 ${count} 条消息`,
      },
      at: duration,
      nodes: [busiest],
    };
  },
});

/** Every scenario's checkers, the most specific cause first. */
export const allCheckers: Checker[] = [validity, noDuplicates, causalDelivery, clockCondition, agreement, efficiency];
