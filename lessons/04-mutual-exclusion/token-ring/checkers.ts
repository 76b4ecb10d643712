import { ClusterTimeline, fmtMs, measuredChecker, type Checker } from '../../../src/grader';
import { CLUSTER_SIZE, mutualExclusion, staysHoldMs } from '../checkers';
import { sectionHistory } from '../history';
import { tokenHistory, type Creation } from './tokens';

/**
 * The ring's safety: a node enters only while it holds the token, and each generation of the
 * token is made once — two tokens of one generation would be two tokens no node can tell apart.
 */
export const oneTokenPerGeneration: Checker = {
  name: 'one-token-per-generation',
  translations: { 'zh-cn': { property: '节点只有持有令牌时才能进入，同一代令牌绝不造两次' } },
  property: 'a node enters only while holding the token, and no generation of the token is made twice',
  check({ trace }) {
    const { creations, entriesWithoutToken } = tokenHistory(trace);
    const first = new Map<unknown, Creation>();
    for (const made of creations) {
      const earlier = first.get(made.generation);
      if (earlier === undefined) {
        first.set(made.generation, made);
        continue;
      }
      return {
        ok: false,
        explanation: `${made.node} sent a token of generation ${String(made.generation)} at ${fmtMs(made.time)} that it had not received, while ${earlier.node} had made generation ${String(made.generation)} at ${fmtMs(earlier.time)}: two tokens of one generation. A new token needs a generation no token has had`,
        at: made.time,
        nodes: [...new Set([earlier.node, made.node])],
        events: [earlier.index, made.index],
      };
    }
    const entry = entriesWithoutToken[0];
    if (entry !== undefined) {
      return {
        ok: false,
        explanation: `${entry.node} entered the critical section at ${fmtMs(entry.time)} without holding the token${entry.passedAt !== undefined ? ` (it had passed it on at ${fmtMs(entry.passedAt)})` : ''}: only the holder may enter`,
        at: entry.time,
        nodes: [entry.node],
        events: [entry.index],
      };
    }
    return { ok: true };
  },
};

/** A token older than one a node has seen is dropped: a late old token must not come back into use. */
export const noStaleToken: Checker = {
  name: 'no-stale-token',
  translations: { 'zh-cn': { property: '节点绝不拿比它见过的最新代号更旧的令牌进入，也不把它传下去' } },
  property: 'a node never enters with, or passes on, a token older than the newest generation it has seen',
  check({ trace }) {
    for (const use of tokenHistory(trace).uses) {
      const newest = use.newest;
      if (typeof use.generation !== 'number' || newest === undefined || use.generation >= newest.generation) continue;
      return {
        ok: false,
        explanation: `${use.node} ${use.what === 'passed' ? 'passed on' : 'entered with'} a token of generation ${use.generation} at ${fmtMs(use.time)}, after it had seen generation ${newest.generation} at ${fmtMs(newest.time)}: an older token is a lost one come back, and must be dropped`,
        at: use.time,
        nodes: [use.node],
        events: [use.index],
      };
    }
    return { ok: true };
  },
};

/**
 * Liveness once the faults heal: every want a node receives is served unless the node crashes
 * first. The ring heals every crashed node, so a lost token must be replaced.
 */
export const everyWantServed: Checker = {
  name: 'every-want-served',
  translations: { 'zh-cn': { property: '节点收到的每个 want 都要得到服务（进入，然后离开），除非节点先崩溃了' } },
  property: 'every want a node receives is served (enter, then exit) unless the node crashes first',
  check({ trace, duration }) {
    const { boots } = sectionHistory(trace);
    const { lastReached } = tokenHistory(trace);
    for (const [node, list] of boots) {
      const boot = list.at(-1);
      if (boot === undefined || boot.crashedAt !== undefined) continue;
      const served = boot.entries.filter((e) => e.left?.how === 'exit').length;
      const want = boot.wants[served];
      if (want === undefined) continue;
      const reached = lastReached.get(node);
      const inside = boot.entries.at(-1);
      const why =
        inside !== undefined && inside.left === undefined
          ? `it entered at ${fmtMs(inside.time)} and never left`
          : reached === undefined || reached < want.time
            ? `no token reached ${node} after it${reached === undefined ? '' : ` (the last came at ${fmtMs(reached)})`}`
            : boot.entries.some((e) => e.time >= reached)
              ? `the token last reached ${node} at ${fmtMs(reached)}, and it served an older want with it`
              : `the token last reached ${node} at ${fmtMs(reached)}, and it did not enter`;
      return {
        ok: false,
        explanation: `${node} received a want at ${fmtMs(want.time)} and had not served it by the end at ${fmtMs(duration)}: ${why}`,
        at: want.time,
        nodes: [node],
        events: [want.index],
      };
    }
    return { ok: true };
  },
};

/**
 * A lost token is replaced once: after the last fault, at most one new generation. Nodes that
 * all make a token when theirs seems late, or a timeout shorter than a rotation, make more.
 */
export const noRegenerationStorm: Checker = {
  name: 'no-regeneration-storm',
  translations: { 'zh-cn': { property: '最后一次故障之后，至多造一个新令牌' } },
  property: 'after the last fault, at most one new token is made',
  check({ trace, nodes, duration }) {
    const quiet = new ClusterTimeline(trace, nodes).advanceTo(duration).quietSince();
    const made = tokenHistory(trace).creations.filter((c) => c.time >= quiet);
    if (made.length <= 1) return { ok: true };
    const list = made.map((c) => `${c.node} generation ${String(c.generation)} at ${fmtMs(c.time)}`).join(', ');
    return {
      ok: false,
      explanation: `${made.length} tokens were made after the last fault at ${fmtMs(quiet)}: ${list}. One lost token needs one new one`,
      at: (made[1] as Creation).time,
      nodes: [...new Set(made.map((c) => c.node))],
      events: made.map((c) => c.index),
    };
  },
};

/** Efficiency, measured: with nodes wanting in often, an entry costs at most one rotation of passes. */
export const passesPerEntry = measuredChecker({
  name: 'passes-per-entry',
  translations: { 'zh-cn': { property: '节点经常想进入时，每次进入至多 n 次令牌传递（转一圈）' } },
  property: 'when nodes want in often, at most n token passes per entry (one rotation)',
  figure: 'token passes per entry',
  limit: CLUSTER_SIZE,
  bound: 'at-most',
  measure({ trace, nodes }) {
    const { entries } = sectionHistory(trace);
    const last = Math.max(...entries.map((e) => e.left?.time ?? e.time));
    if (entries.length === 0) return undefined;
    // Up to the last exit: the token circles on after the last want, and no entry is owed for that.
    const passes = [...trace.ofKind('send')].filter(
      (e) => e.time <= last && nodes.includes(e.node) && e.peer !== undefined && nodes.includes(e.peer),
    ).length;
    return {
      value: passes / entries.length,
      detail: `${passes} token passes for ${entries.length} entries (${perNode(entries.map((e) => e.node))}), up to the last exit at ${fmtMs(last)}`,
      at: last,
      nodes: [...new Set(entries.map((e) => e.node))],
    };
  },
});

/** "n1 8, n2 9": how many entries each node made. */
function perNode(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, k]) => `${n} ${k}`)
    .join(', ');
}

/** Most specific cause first: a second token, then what it does. */
export const ringChecks: Checker[] = [oneTokenPerGeneration, noStaleToken, noRegenerationStorm, everyWantServed];
/** Where no node pauses and no message is late, one token at a time means one node inside at a time. */
export const faultRingChecks: Checker[] = [
  oneTokenPerGeneration,
  noStaleToken,
  noRegenerationStorm,
  mutualExclusion,
  everyWantServed,
];
export const calmRingChecks: Checker[] = [...faultRingChecks, staysHoldMs, passesPerEntry];
