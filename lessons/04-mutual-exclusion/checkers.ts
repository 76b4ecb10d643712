import { fmtMs, measuredChecker, ClusterTimeline, type Checker, type Verdict } from '../../src/grader';
import type { NodeId } from '../../src/kernel';
import { sectionHistory, type Boot, type Entry } from './history';

/** The point of the exercise: never two nodes inside at once, in virtual time, as the trace shows it. */
export const mutualExclusion: Checker = {
  name: 'mutual-exclusion',
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
        explanation: `${entry.node} entered the critical section at ${fmtMs(entry.time)} while ${other.node} had been inside since ${fmtMs(other.time)}${leftWhen(other)}: at most one node may be inside at a time`,
        at: entry.time,
        nodes: [other.node, entry.node],
        events: [other.index, entry.index],
      };
    }
    return { ok: true };
  },
};

function leftWhen(entry: Entry): string {
  if (entry.left === undefined) return ' (and never left)';
  return entry.left.how === 'exit'
    ? ` (it left at ${fmtMs(entry.left.time)})`
    : ` (until it crashed at ${fmtMs(entry.left.time)})`;
}

/** (timestamp, node id) order, the order Ricart–Agrawala promises. */
function before(a: Entry, b: Entry): boolean {
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
  translations: { 'zh-cn': { property: '节点按请求的先后进入：先比 Lamport 时间戳，相同时比节点 id' } },
  property: 'nodes enter in the order of their requests: by Lamport timestamp, ties broken by node id',
  check({ trace }) {
    let previous: Entry | undefined;
    for (const entry of sectionHistory(trace).entries) {
      if (typeof entry.requestTs !== 'number') {
        return {
          ok: false,
          explanation: `${entry.node} entered the critical section at ${fmtMs(entry.time)} ${entry.requestTs === undefined ? 'without sending a Request since it booted' : `after a Request whose ts is ${JSON.stringify(entry.requestTs)}, not a number`}: a node enters only once every other node has replied to its timestamped Request`,
          at: entry.time,
          nodes: [entry.node],
          events: [entry.index],
        };
      }
      if (previous !== undefined && !before(previous, entry)) {
        return {
          ok: false,
          explanation: `${entry.node} entered at ${fmtMs(entry.time)} on its request with timestamp ${entry.requestTs}, after ${previous.node} entered at ${fmtMs(previous.time)} on its request with timestamp ${String(previous.requestTs)}: requests are served in (timestamp, node id) order, so ${entry.node}'s should have come first — or its timestamp should have been higher, had its clock followed the timestamps it received`,
          at: entry.time,
          nodes: [previous.node, entry.node],
          events: [previous.index, entry.index],
        };
      }
      previous = entry;
    }
    return { ok: true };
  },
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
 * Liveness: a want a node receives is served — the node enters and leaves — unless the node
 * crashes first (a crash forgets its wants). A request that waits for the Reply of a node that
 * crashed and never came back waits for good: that is the algorithm's blocking, and the verdict
 * passes and says so.
 */
export const everyWantServed: Checker = {
  name: 'every-want-served',
  translations: { 'zh-cn': { property: '节点收到的每个 want 都要得到服务（进入，然后离开），除非节点先崩溃了' } },
  property: 'every want a node receives is served (enter, then exit) unless the node crashes first',
  check({ trace, nodes, duration }): Verdict {
    const { boots } = sectionHistory(trace);
    const end = new ClusterTimeline(trace, nodes).advanceTo(duration);
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
        explanation: `${stuck.node} received a want at ${fmtMs(stuck.first.time)} and had not served it by the end at ${fmtMs(duration)}${stuckOn(stuck.node, stuck.boot, nodes)}`,
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

function stuckOn(node: NodeId, boot: Boot, nodes: readonly NodeId[]): string {
  const inside = boot.entries.at(-1);
  if (inside !== undefined && inside.left === undefined) return `: it entered at ${fmtMs(inside.time)} and never left`;
  const request = boot.lastRequest;
  if (request === undefined) return ': it sent no Request';
  const missing = nodes.filter((n) => n !== node && !request.repliedBy.has(n));
  if (missing.length === 0)
    return `: every node replied to its Request with ts ${String(request.ts)}, yet it did not enter`;
  return `: its Request with ts ${String(request.ts)} (first sent at ${fmtMs(request.time)}) never got a Reply from ${listNodes(missing)}`;
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
  translations: { 'zh-cn': { property: '网络平静时，每次进入节点之间至多 2(n−1) 条消息' } },
  property: 'in a calm network, at most 2(n−1) messages between nodes per entry',
  figure: 'messages between nodes per entry',
  limit: 2 * (CLUSTER_SIZE - 1),
  bound: 'at-most',
  measure({ trace, duration }) {
    const { entries, sentByNode, messagesBetweenNodes } = sectionHistory(trace);
    if (entries.length === 0) return undefined;
    if (messagesBetweenNodes === 0) return { value: 0, detail: `no messages for ${entries.length} entries` };
    const [busiest, byType] = [...sentByNode.entries()].reduce((a, b) => (total(b[1]) > total(a[1]) ? b : a));
    const counts = [...byType.entries()].map(([type, n]) => `${n} ${type}`).join(', ');
    return {
      value: messagesBetweenNodes / entries.length,
      detail: `${messagesBetweenNodes} messages for ${entries.length} entries by ${fmtMs(duration)}; ${busiest} sent the most: ${counts}`,
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
            explanation: `${entry.node} entered at ${fmtMs(entry.time)} and left at ${fmtMs(entry.left.time)}, after ${Math.round(stayed)} ms: the want it served (received at ${fmtMs(want.time)}) asked for ${want.holdMs} ms inside`,
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

/**
 * Efficiency when something was lost: a resend goes only to the nodes that have not replied.
 * A node that answered this request has nothing more to say about it; asking again costs two
 * messages, and under loss that is where the traffic is.
 */
export const resendsOnlyToSilent: Checker = {
  name: 'resends-only-to-silent',
  translations: { 'zh-cn': { property: '节点只向还没回复的节点重发 Request' } },
  property: 'a node resends its Request only to nodes that have not replied to it',
  check({ trace, nodes }) {
    const replied = new Map<string, { index: number; time: number }>();
    for (const e of trace.events()) {
      if (!nodes.includes(e.node)) continue;
      if (e.kind === 'crash') {
        for (const key of [...replied.keys()]) if (key.startsWith(`${e.node}/`)) replied.delete(key);
        continue;
      }
      if (e.peer === undefined || (e.kind !== 'deliver' && e.kind !== 'send')) continue;
      const key = `${e.node}/${e.peer}/${String(e.data.ts)}`;
      if (e.kind === 'deliver' && e.data.type === 'Reply') {
        if (!replied.has(key)) replied.set(key, { index: e.index, time: e.time });
        continue;
      }
      const reply = replied.get(key);
      if (e.kind !== 'send' || e.data.type !== 'Request' || reply === undefined) continue;
      return {
        ok: false,
        explanation: `${e.node} sent ${e.peer} its Request with ts ${String(e.data.ts)} again at ${fmtMs(e.time)}, after ${e.peer}'s Reply to it had arrived at ${fmtMs(reply.time)}: resend only to the nodes that have not replied`,
        at: e.time,
        nodes: [e.node, e.peer],
        events: [reply.index, e.index],
      };
    }
    return { ok: true };
  },
};

/** Most specific cause first. */
export const safetyAndLiveness: Checker[] = [mutualExclusion, timestampOrder, everyWantServed, resendsOnlyToSilent];
export const calmCheckers: Checker[] = [...safetyAndLiveness, staysHoldMs, messagesPerEntry];
