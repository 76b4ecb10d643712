import {
  fill,
  fmtMs,
  measuredChecker,
  ClusterTimeline,
  incrementalCheck,
  type Checker,
  type Template,
  type Text,
  type Verdict,
} from '../../src/grader';
import type { EventKind, NodeId, TraceEvent } from '../../src/kernel';
import { isRequest, sectionHistory, sectionStep, type Boot, type Entry } from './history';

const twoInside: Template<{ entry: Entry; other: Entry }> = {
  en: ({ entry, other }) =>
    `${entry.node} entered the critical section at ${fmtMs(entry.time)} while ${other.node} had been inside since ${fmtMs(other.time)}${leftWhen(other).en}: at most one node may be inside at a time`,
  'zh-cn': ({ entry, other }) =>
    `${entry.node} 在 ${fmtMs(entry.time)} 进入了临界区，而 ${other.node} 从 ${fmtMs(other.time)} 起就在里面${leftWhen(other)['zh-cn']}：同一时刻至多一个节点可以在里面`,
};

/** The point of the exercise: never two nodes inside at once, in virtual time, as the trace shows it. */
export const mutualExclusion: Checker = {
  name: 'mutual-exclusion',
  safety: true,
  translations: { 'zh-cn': { property: '任一时刻至多一个节点处于临界区内' } },
  property: 'at most one node is in the critical section at any time',
  check({ trace }) {
    const { entries } = sectionHistory(trace);
    for (const [i, entry] of entries.entries()) {
      const other = entries
        .slice(0, i)
        .find((e) => e.node !== entry.node && (e.left === undefined || e.left.index > entry.index));
      if (other === undefined) continue;
      return {
        ok: false,
        explanation: fill(twoInside, { entry, other }),
        at: entry.time,
        nodes: [other.node, entry.node],
        events: [other.index, entry.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({
      /** Each node's entries not left yet: its boot's last one until it exits or crashes, and any it entered again over. */
      inside: new Map<NodeId, number>(),
      /** The nodes whose boot's last entry is still open to an exit or a crash. */
      open: new Set<NodeId>(),
      broken: false,
    }),
    event(checked, e) {
      const step = sectionStep(e);
      if (step === undefined || checked.broken) return;
      const { inside, open } = checked;
      if (step === 'enter') {
        for (const [node, count] of inside) if (node !== e.node && count > 0) checked.broken = true;
        inside.set(e.node, (inside.get(e.node) ?? 0) + 1);
        open.add(e.node);
      } else if (step === 'restart') open.delete(e.node);
      else if (open.delete(e.node)) inside.set(e.node, (inside.get(e.node) ?? 0) - 1);
    },
    verdict: (checked) => !checked.broken,
  }),
};

function leftWhen(entry: Entry): Text {
  if (entry.left === undefined) return { en: ' (and never left)', 'zh-cn': '（而且一直没有离开）' };
  return entry.left.how === 'exit'
    ? { en: ` (it left at ${fmtMs(entry.left.time)})`, 'zh-cn': `（它在 ${fmtMs(entry.left.time)} 离开）` }
    : {
        en: ` (until it crashed at ${fmtMs(entry.left.time)})`,
        'zh-cn': `（直到它在 ${fmtMs(entry.left.time)} 崩溃）`,
      };
}

const enteredUnasked: Template<Entry> = {
  en: ({ node, time, requestTs }) =>
    `${node} entered the critical section at ${fmtMs(time)} ${requestTs === undefined ? 'without sending a Request since it booted' : `after a Request whose ts is ${JSON.stringify(requestTs)}, not a number`}: a node enters only once every other node has replied to its timestamped Request`,
  'zh-cn': ({ node, time, requestTs }) =>
    `${node} 在 ${fmtMs(time)} 进入了临界区，${requestTs === undefined ? '可它自启动以来没有发过 Request' : `它之前那个 Request 的 ts 是 ${JSON.stringify(requestTs)}，不是数字`}：节点要等其他每个节点都回复了它带时间戳的 Request，才能进入`,
};

const servedOutOfOrder: Template<{ entry: Entry; previous: Entry }> = {
  en: ({ entry, previous }) =>
    `${entry.node} entered at ${fmtMs(entry.time)} on its request with timestamp ${String(entry.requestTs)}, after ${previous.node} entered at ${fmtMs(previous.time)} on its request with timestamp ${String(previous.requestTs)}: requests are served in (timestamp, node id) order, so ${entry.node}'s should have come first — or its timestamp should have been higher, had its clock followed the timestamps it received`,
  'zh-cn': ({ entry, previous }) =>
    `${entry.node} 凭时间戳为 ${String(entry.requestTs)} 的请求在 ${fmtMs(entry.time)} 进入，排在凭时间戳 ${String(previous.requestTs)} 的请求于 ${fmtMs(previous.time)} 进入的 ${previous.node} 之后：请求按（时间戳，节点 id）的顺序得到服务，所以本该 ${entry.node} 先进——要不然，如果它的时钟跟上了收到的时间戳，它的时间戳本该更大`,
};

/** (timestamp, node id) order, the order Ricart–Agrawala promises. */
function before(a: Pick<Entry, 'node' | 'requestTs'>, b: Pick<Entry, 'node' | 'requestTs'>): boolean {
  const [ta, tb] = [a.requestTs as number, b.requestTs as number];
  return ta < tb || (ta === tb && a.node < b.node);
}

/**
 * Fairness: a request is served before every request with a later (timestamp, node id). With every
 * node's Lamport clock kept across restarts, the entries of a correct run come in that order, so a
 * run that breaks it shows a clock that went back, a comparison that is off, or a reply too soon.
 */
export const timestampOrder: Checker = {
  name: 'timestamp-order',
  safety: true,
  translations: { 'zh-cn': { property: '节点按请求的先后进入：先比 Lamport 时间戳，相同时比节点 id' } },
  property: 'nodes enter in the order of their requests: by Lamport timestamp, ties broken by node id',
  check({ trace }) {
    let previous: Entry | undefined;
    for (const entry of sectionHistory(trace).entries) {
      if (typeof entry.requestTs !== 'number') {
        return {
          ok: false,
          explanation: fill(enteredUnasked, entry),
          at: entry.time,
          nodes: [entry.node],
          events: [entry.index],
        };
      }
      if (previous !== undefined && !before(previous, entry)) {
        return {
          ok: false,
          explanation: fill(servedOutOfOrder, { entry, previous }),
          at: entry.time,
          nodes: [previous.node, entry.node],
          events: [previous.index, entry.index],
        };
      }
      previous = entry;
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({
      /** The timestamp of each node's last Request in its current boot. */
      requested: new Map<NodeId, unknown>(),
      previous: undefined as { node: NodeId; requestTs: number } | undefined,
      broken: false,
    }),
    event(checked, e) {
      if (checked.broken) return;
      if (isRequest(e)) {
        checked.requested.set(e.node, e.data.ts);
        return;
      }
      const step = sectionStep(e);
      if (step === 'restart') checked.requested.delete(e.node);
      if (step !== 'enter') return;
      const entry = { node: e.node, requestTs: checked.requested.get(e.node) };
      if (typeof entry.requestTs !== 'number') checked.broken = true;
      else if (checked.previous !== undefined && !before(checked.previous, entry)) checked.broken = true;
      else checked.previous = Object.freeze({ node: e.node, requestTs: entry.requestTs });
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** The wants a node received in its last boot that it has not yet served (entered and left), and that boot. */
function unserved(boots: readonly Boot[]): { boot: Boot; first: { index: number; time: number } } | undefined {
  const boot = boots.at(-1);
  if (boot === undefined || boot.crashedAt !== undefined) return undefined;
  const served = boot.entries.filter((e) => e.left?.how === 'exit').length;
  const first = boot.wants[served];
  return first === undefined ? undefined : { boot, first };
}

/**
 * How long the cluster must have been calm at the end before every want is asked to be served: a
 * resend round (200 ms in the reference) or a lost token's replacement (150 ms), and the wants
 * queued behind it. Every scenario of the lesson ends at least 550 ms after its last fault.
 */
export const SERVED_WITHIN_MS = 500;

/** The run ends less than SERVED_WITHIN_MS after its last fault; a run without faults is asked at its end. */
export function settling(end: ClusterTimeline, duration: number): boolean {
  const calmSince = end.quietSince();
  return calmSince > 0 && duration - calmSince < SERVED_WITHIN_MS;
}

/**
 * Liveness: a want a node receives is served — the node enters and leaves — unless the node
 * crashes first (a crash forgets its wants). A request that waits for the Reply of a node that
 * crashed and never came back waits for good: that is the algorithm's blocking, and the verdict
 * passes and says so. Asked once the faults heal: nothing is asked across a partition still in
 * force, nor of a run that ends less than SERVED_WITHIN_MS after its last fault.
 */
export const everyWantServed: Checker = {
  name: 'every-want-served',
  anySchedule: true,
  translations: { 'zh-cn': { property: '节点收到的每个 want 都要得到服务（进入，然后离开），除非节点先崩溃了' } },
  property: 'every want a node receives is served (enter, then exit) unless the node crashes first',
  check({ trace, nodes, duration }): Verdict {
    const { boots } = sectionHistory(trace);
    const end = new ClusterTimeline(trace, nodes).advanceTo(duration);
    if (end.partitioned() || settling(end, duration)) return { ok: true };
    const down = nodes.filter((n) => !end.up(n));
    const waiting = nodes.flatMap((node) => {
      const unservedWant = unserved(boots.get(node) ?? []);
      if (unservedWant === undefined) return [];
      const request = unservedWant.boot.lastRequest;
      const missing =
        request !== undefined && request.time >= unservedWant.first.time
          ? nodes.filter((n) => n !== node && !request.repliedBy.has(n))
          : [];
      return [{ node, ...unservedWant, request, missing }];
    });
    // Blocked: waiting for a node that never came back, or for a node that is itself blocked.
    const blocked = new Map<NodeId, NodeId[]>();
    for (let grew = true; grew;) {
      grew = false;
      for (const w of waiting) {
        const on = w.missing.filter((n) => down.includes(n) || blocked.has(n));
        if (blocked.has(w.node) || on.length === 0) continue;
        blocked.set(w.node, on);
        grew = true;
      }
    }
    const stuck = waiting.find((w) => !blocked.has(w.node));
    if (stuck !== undefined) {
      return {
        ok: false,
        explanation: fill(wantNotServed, {
          node: stuck.node,
          time: stuck.first.time,
          end: duration,
          why: stuckOn(stuck.node, stuck.boot, nodes),
        }),
        at: stuck.first.time,
        nodes: [stuck.node],
        events: [stuck.first.index],
      };
    }
    if (blocked.size === 0) return { ok: true };
    const waits = waiting
      .filter((w) => blocked.has(w.node))
      .map(
        (w) =>
          `${w.node}'s Request with ts ${String(w.request?.ts)} (sent at ${fmtMs(w.request?.time ?? 0)}) waits for ${listNodes(blocked.get(w.node) ?? [])}`,
      );
    return {
      ok: true,
      note: `${waits.join('; ')}: ${listNodes(down)} crashed and never came back, and an entry needs a Reply from every other node, so a request waits for it, or for a node that waits for it. Ricart–Agrawala blocks while any node is down; only a failure detector (lesson 05) could tell a dead node from a slow one`,
    };
  },
};

const wantNotServed: Template<{ node: NodeId; time: number; end: number; why: Text }> = {
  en: ({ node, time, end, why }) =>
    `${node} received a want at ${fmtMs(time)} and had not served it by the end at ${fmtMs(end)}: ${why.en}`,
  'zh-cn': ({ node, time, end, why }) =>
    `${node} 在 ${fmtMs(time)} 收到一个 want，到运行在 ${fmtMs(end)} 结束时还没有服务它：${why['zh-cn']}`,
};

function stuckOn(node: NodeId, boot: Boot, nodes: readonly NodeId[]): Text {
  const inside = boot.entries.at(-1);
  if (inside !== undefined && inside.left === undefined)
    return {
      en: `it entered at ${fmtMs(inside.time)} and never left`,
      'zh-cn': `它在 ${fmtMs(inside.time)} 进入后再没离开`,
    };
  const request = boot.lastRequest;
  if (request === undefined) return { en: 'it sent no Request', 'zh-cn': '它没有发出 Request' };
  const missing = nodes.filter((n) => n !== node && !request.repliedBy.has(n));
  if (missing.length === 0)
    return {
      en: `every node replied to its Request with ts ${String(request.ts)}, yet it did not enter`,
      'zh-cn': `每个节点都回复了它 ts 为 ${String(request.ts)} 的 Request，它却没有进入`,
    };
  return {
    en: `its Request with ts ${String(request.ts)} (first sent at ${fmtMs(request.time)}) never got a Reply from ${listNodes(missing)}`,
    'zh-cn': `它 ts 为 ${String(request.ts)} 的 Request（最早在 ${fmtMs(request.time)} 发出）一直没有等到 ${missing.join('、')} 的 Reply`,
  };
}

function listNodes(nodes: readonly string[]): string {
  return nodes.length <= 1 ? nodes.join('') : `${nodes.slice(0, -1).join(', ')} and ${nodes.at(-1)}`;
}

/** Every scenario of the lesson's exercises runs this many nodes: the limits below are figures for it. */
export const CLUSTER_SIZE = 4;

/**
 * Efficiency, measured: Ricart–Agrawala costs n−1 Requests and n−1 Replies per entry. Asked only
 * in calm scenarios, where nothing is lost and nothing needs resending.
 */
export const messagesPerEntry = measuredChecker({
  name: 'messages-per-entry',
  translations: {
    'zh-cn': { property: '网络平静时，每次进入节点之间至多 2(n−1) 条消息', figure: '每次进入时节点之间的消息数' },
  },
  property: 'in a calm network, at most 2(n−1) messages between nodes per entry',
  figure: 'messages between nodes per entry',
  limit: 2 * (CLUSTER_SIZE - 1),
  bound: 'at-most',
  measure({ trace, duration }) {
    const { entries, sentByNode, messagesBetweenNodes } = sectionHistory(trace);
    if (entries.length === 0) return undefined;
    if (messagesBetweenNodes === 0)
      return {
        value: 0,
        detail: { en: `no messages for ${entries.length} entries`, 'zh-cn': `${entries.length} 次进入，没有消息` },
      };
    const [busiest, byType] = [...sentByNode.entries()].reduce((a, b) => (total(b[1]) > total(a[1]) ? b : a));
    const counts = [...byType.entries()].map(([type, n]) => `${n} ${type}`);
    return {
      value: messagesBetweenNodes / entries.length,
      detail: {
        en: `${messagesBetweenNodes} messages for ${entries.length} entries by ${fmtMs(duration)}; ${busiest} sent the most: ${counts.join(', ')}`,
        'zh-cn': `到 ${fmtMs(duration)} 为止，${entries.length} 次进入用了 ${messagesBetweenNodes} 条消息；${busiest} 发得最多：${counts.join('、')}`,
      },
      at: duration,
      nodes: [busiest],
    };
  },
});

function total(byType: Map<string, number>): number {
  return [...byType.values()].reduce((a, b) => a + b, 0);
}

/**
 * A want asks for holdMs inside: a node that leaves sooner has not done the work the section
 * guards. Wants are served in the order they arrive. Asked in calm scenarios, where no clock drifts.
 */
export const staysHoldMs: Checker = {
  name: 'stays-hold-ms',
  translations: { 'zh-cn': { property: '节点在临界区内停留 want 要求的 holdMs' } },
  property: 'a node stays in the critical section the holdMs its want asks for',
  check({ trace }) {
    for (const boots of sectionHistory(trace).boots.values()) {
      for (const boot of boots) {
        for (const [k, entry] of boot.entries.entries()) {
          const want = boot.wants[k];
          if (want === undefined || entry.left?.how !== 'exit' || typeof want.holdMs !== 'number') continue;
          const stayed = entry.left.time - entry.time;
          if (stayed >= want.holdMs) continue;
          return {
            ok: false,
            explanation: fill(leftTooSoon, {
              node: entry.node,
              entered: entry.time,
              left: entry.left.time,
              wanted: { time: want.time, holdMs: want.holdMs },
            }),
            at: entry.left.time,
            nodes: [entry.node],
            events: [entry.index, entry.left.index],
          };
        }
      }
    }
    return { ok: true };
  },
};

const leftTooSoon: Template<{ node: NodeId; entered: number; left: number; wanted: { time: number; holdMs: number } }> =
  {
    en: ({ node, entered, left, wanted }) =>
      `${node} entered at ${fmtMs(entered)} and left at ${fmtMs(left)}, after ${fmtMs(left - entered)}: the want it served (received at ${fmtMs(wanted.time)}) asked for ${wanted.holdMs} ms inside`,
    'zh-cn': ({ node, entered, left, wanted }) =>
      `${node} 在 ${fmtMs(entered)} 进入，${fmtMs(left)} 就离开了，只待了 ${fmtMs(left - entered)}：它服务的那个 want（在 ${fmtMs(wanted.time)} 收到）要求在里面待 ${wanted.holdMs} ms`,
  };

const resentToReplied: Template<{ node: NodeId; peer: NodeId; ts: unknown; time: number; replied: number }> = {
  en: ({ node, peer, ts, time, replied }) =>
    `${node} sent ${peer} its Request with ts ${String(ts)} again at ${fmtMs(time)}, after ${peer}'s Reply to it had arrived at ${fmtMs(replied)}: resend only to the nodes that have not replied`,
  'zh-cn': ({ node, peer, ts, time, replied }) =>
    `${node} 在 ${fmtMs(time)} 又给 ${peer} 发了 ts 为 ${String(ts)} 的 Request，可 ${peer} 对它的 Reply 早在 ${fmtMs(replied)} 就到了：只向还没回复的节点重发`,
};

/**
 * Efficiency when something was lost: a resend goes only to the nodes that have not replied.
 * A node that answered this request has nothing more to say about it; asking again costs two
 * messages, and under loss that is where the traffic is.
 */
export const resendsOnlyToSilent: Checker = {
  name: 'resends-only-to-silent',
  safety: true,
  translations: { 'zh-cn': { property: '节点只向还没回复的节点重发 Request' } },
  property: 'a node resends its Request only to nodes that have not replied to it',
  check({ trace, nodes }) {
    const replied: Replied = new Map();
    for (const e of trace.events()) {
      const verdict = readResend(replied, e, nodes);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({ nodes: Object.freeze([...nodes]), replied: new Map() as Replied, broken: false }),
    event(checked, e) {
      if (!checked.broken) checked.broken = readResend(checked.replied, e, checked.nodes) !== undefined;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** The first Reply each node received in its current boot, by "node/peer/ts". */
type Replied = Map<string, Readonly<{ index: number; time: number }>>;

/** Reads one event for resendsOnlyToSilent: the verdict when it breaks the rule. */
function readResend(replied: Replied, e: TraceEvent<EventKind>, nodes: readonly NodeId[]): Verdict | undefined {
  if (!nodes.includes(e.node)) return undefined;
  if (e.kind === 'crash') {
    for (const key of [...replied.keys()]) if (key.startsWith(`${e.node}/`)) replied.delete(key);
    return undefined;
  }
  if (e.peer === undefined || (e.kind !== 'deliver' && e.kind !== 'send')) return undefined;
  const key = `${e.node}/${e.peer}/${String(e.data.ts)}`;
  if (e.kind === 'deliver' && e.data.type === 'Reply') {
    if (!replied.has(key)) replied.set(key, Object.freeze({ index: e.index, time: e.time }));
    return undefined;
  }
  const reply = replied.get(key);
  if (e.kind !== 'send' || e.data.type !== 'Request' || reply === undefined) return undefined;
  return {
    ok: false,
    explanation: fill(resentToReplied, {
      node: e.node,
      peer: e.peer,
      ts: e.data.ts,
      time: e.time,
      replied: reply.time,
    }),
    at: e.time,
    nodes: [e.node, e.peer],
    events: [reply.index, e.index],
  };
}

/** Most specific cause first. */
export const safetyAndLiveness: Checker[] = [mutualExclusion, timestampOrder, everyWantServed, resendsOnlyToSilent];
export const calmCheckers: Checker[] = [...safetyAndLiveness, staysHoldMs, messagesPerEntry];
