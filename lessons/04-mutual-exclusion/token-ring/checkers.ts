import type { NodeId } from '../../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  incrementalCheck,
  measuredChecker,
  type Checker,
  type Template,
  type Text,
} from '../../../src/grader';
import { CLUSTER_SIZE, mutualExclusion, settling, staysHoldMs } from '../checkers';
import { sectionHistory } from '../history';
import { beginTokens, readTokenEvent, tokenHistory, type Creation, type TokenUse } from './tokens';

const generationTwice: Template<{ made: Creation; earlier: Creation }> = {
  en: ({ made, earlier }) =>
    `${made.node} sent a token of generation ${String(made.generation)} at ${fmtMs(made.time)} that it had not received, while ${earlier.node} had made generation ${String(made.generation)} at ${fmtMs(earlier.time)}: two tokens of one generation. A new token needs a generation no token has had`,
  'zh-cn': ({ made, earlier }) =>
    `${made.node} 在 ${fmtMs(made.time)} 发出了一个第 ${String(made.generation)} 代的令牌，这令牌不是它收到的，而 ${earlier.node} 早在 ${fmtMs(earlier.time)} 就造过第 ${String(made.generation)} 代：同一代有了两个令牌。新令牌要用一个从没有令牌用过的代号`,
};

const enteredWithoutToken: Template<{ node: NodeId; time: number; passedAt?: number }> = {
  en: ({ node, time, passedAt }) =>
    `${node} entered the critical section at ${fmtMs(time)} without holding the token${passedAt !== undefined ? ` (it had passed it on at ${fmtMs(passedAt)})` : ''}: only the holder may enter`,
  'zh-cn': ({ node, time, passedAt }) =>
    `${node} 在 ${fmtMs(time)} 进入了临界区，手里却没有令牌${passedAt !== undefined ? `（它在 ${fmtMs(passedAt)} 已经把令牌传走了）` : ''}：只有持有令牌的节点才能进入`,
};

const staleToken: Template<{
  node: NodeId;
  passed: boolean;
  generation: number;
  time: number;
  newest: { generation: number; time: number };
}> = {
  en: ({ node, passed, generation, time, newest }) =>
    `${node} ${passed ? 'passed on' : 'entered with'} a token of generation ${generation} at ${fmtMs(time)}, after it had seen generation ${newest.generation} at ${fmtMs(newest.time)}: an older token is a lost one come back, and must be dropped`,
  'zh-cn': ({ node, passed, generation, time, newest }) =>
    `${node} 在 ${fmtMs(time)} ${passed ? '传出了' : '拿着'}一个第 ${generation} 代的令牌${passed ? '' : '进入'}，而它在 ${fmtMs(newest.time)} 已经见过第 ${newest.generation} 代：更旧的令牌是丢失后又冒出来的，必须丢弃`,
};

const wantNotServed: Template<{ node: NodeId; time: number; end: number; why: Text }> = {
  en: ({ node, time, end, why }) =>
    `${node} received a want at ${fmtMs(time)} and had not served it by the end at ${fmtMs(end)}: ${why.en}`,
  'zh-cn': ({ node, time, end, why }) =>
    `${node} 在 ${fmtMs(time)} 收到一个 want，到运行在 ${fmtMs(end)} 结束时还没有服务它：${why['zh-cn']}`,
};

const regenerationStorm: Template<{ made: Creation[]; quiet: number }> = {
  en: ({ made, quiet }) =>
    `${made.length} tokens were made after the last fault at ${fmtMs(quiet)}: ${made.map((c) => `${c.node} generation ${String(c.generation)} at ${fmtMs(c.time)}`).join(', ')}. One lost token needs one new one`,
  'zh-cn': ({ made, quiet }) =>
    `最后一次故障（${fmtMs(quiet)}）之后造出了 ${made.length} 个令牌：${made.map((c) => `${c.node} 在 ${fmtMs(c.time)} 造了第 ${String(c.generation)} 代`).join('，')}。丢了一个令牌，只需补一个新的`,
};

/**
 * The ring's safety: a node enters only while it holds the token, and each generation of the
 * token is made once — two tokens of one generation would be two tokens no node can tell apart.
 */
export const oneTokenPerGeneration: Checker = {
  name: 'one-token-per-generation',
  safety: true,
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
        explanation: fill(generationTwice, { made, earlier }),
        at: made.time,
        nodes: [...new Set([earlier.node, made.node])],
        events: [earlier.index, made.index],
      };
    }
    const entry = entriesWithoutToken[0];
    if (entry !== undefined) {
      return {
        ok: false,
        explanation: fill(enteredWithoutToken, entry),
        at: entry.time,
        nodes: [entry.node],
        events: [entry.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** The generations made so far. */
    begin: () => ({ reader: beginTokens(), made: new Set<unknown>(), broken: false }),
    event(checked, e) {
      const step = readTokenEvent(checked.reader, e);
      if (step?.kind === 'entered-without') checked.broken = true;
      if (step?.kind !== 'made') return;
      if (checked.made.has(step.creation.generation)) checked.broken = true;
      checked.made.add(step.creation.generation);
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** A token older than one a node has seen is dropped: a late old token must not come back into use. */
export const noStaleToken: Checker = {
  name: 'no-stale-token',
  safety: true,
  translations: { 'zh-cn': { property: '节点绝不拿比它见过的最新代号更旧的令牌进入，也不把它传下去' } },
  property: 'a node never enters with, or passes on, a token older than the newest generation it has seen',
  check({ trace }) {
    for (const use of tokenHistory(trace).uses) {
      const newest = use.newest;
      if (typeof use.generation !== 'number' || newest === undefined || !isStale(use)) continue;
      return {
        ok: false,
        explanation: fill(staleToken, {
          node: use.node,
          passed: use.what === 'passed',
          generation: use.generation,
          time: use.time,
          newest,
        }),
        at: use.time,
        nodes: [use.node],
        events: [use.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ reader: beginTokens(), broken: false }),
    event(checked, e) {
      const step = readTokenEvent(checked.reader, e);
      if (step?.kind === 'used' && isStale(step.use)) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** A use of a token older than the newest generation its node had seen. */
function isStale({ generation, newest }: TokenUse): boolean {
  return typeof generation === 'number' && newest !== undefined && generation < newest.generation;
}

/**
 * Liveness once the faults heal: every want a node receives is served unless the node crashes
 * first. The ring heals every crashed node, so a lost token must be replaced. Nothing is asked of
 * a ring that is broken at the end (a node down, a partition in force), nor of a run that ends
 * less than SERVED_WITHIN_MS after its last fault.
 */
export const everyWantServed: Checker = {
  name: 'every-want-served',
  anySchedule: true,
  translations: { 'zh-cn': { property: '节点收到的每个 want 都要得到服务（进入，然后离开），除非节点先崩溃了' } },
  property: 'every want a node receives is served (enter, then exit) unless the node crashes first',
  check({ trace, nodes, duration }) {
    const end = new ClusterTimeline(trace, nodes).advanceTo(duration);
    const broken = end.partitioned() || end.upNodes().length < nodes.length;
    if (broken || settling(end, duration)) return { ok: true };
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
      const why: Text =
        inside !== undefined && inside.left === undefined
          ? {
              en: `it entered at ${fmtMs(inside.time)} and never left`,
              'zh-cn': `它在 ${fmtMs(inside.time)} 进入后再没离开`,
            }
          : reached === undefined || reached < want.time
            ? {
                en: `no token reached ${node} after it${reached === undefined ? '' : ` (the last came at ${fmtMs(reached)})`}`,
                'zh-cn': `此后再没有令牌到过 ${node}${reached === undefined ? '' : `（最后一次是 ${fmtMs(reached)}）`}`,
              }
            : boot.entries.some((e) => e.time >= reached)
              ? {
                  en: `the token last reached ${node} at ${fmtMs(reached)}, and it served an older want with it`,
                  'zh-cn': `令牌最后一次在 ${fmtMs(reached)} 到达 ${node}，它却拿去服务了一个更早的 want`,
                }
              : {
                  en: `the token last reached ${node} at ${fmtMs(reached)}, and it did not enter`,
                  'zh-cn': `令牌最后一次在 ${fmtMs(reached)} 到达 ${node}，它却没有进入`,
                };
      return {
        ok: false,
        explanation: fill(wantNotServed, { node, time: want.time, end: duration, why }),
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
    return {
      ok: false,
      explanation: fill(regenerationStorm, { made, quiet }),
      at: (made[1] as Creation).time,
      nodes: [...new Set(made.map((c) => c.node))],
      events: made.map((c) => c.index),
    };
  },
};

/** Efficiency, measured: with nodes wanting in often, an entry costs at most one rotation of passes. */
export const passesPerEntry = measuredChecker({
  name: 'passes-per-entry',
  translations: {
    'zh-cn': { property: '节点经常想进入时，每次进入至多 n 次令牌传递（转一圈）', figure: '每次进入的令牌传递次数' },
  },
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
      detail: {
        en: `${passes} token passes for ${entries.length} entries (${perNode(entries.map((e) => e.node))}), up to the last exit at ${fmtMs(last)}`,
        'zh-cn': `到最后一次离开（${fmtMs(last)}）为止，${entries.length} 次进入（${perNode(entries.map((e) => e.node))}）用了 ${passes} 次令牌传递`,
      },
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
/**
 * Where no node pauses and no message is late, one token at a time means one node inside at a time.
 * Not under every schedule: a token that comes late, or a loss timer that fires early, has the
 * monitor make a new one while the old is still in use, and a correct ring lets two nodes in. So in
 * the ring, mutual exclusion is asked only of the scenarios that choose it, never as an invariant.
 */
const mutualExclusionWhileTimely: Checker = { ...mutualExclusion, safety: false };

export const faultRingChecks: Checker[] = [
  oneTokenPerGeneration,
  noStaleToken,
  noRegenerationStorm,
  mutualExclusionWhileTimely,
  everyWantServed,
];
export const calmRingChecks: Checker[] = [...faultRingChecks, staysHoldMs, passesPerEntry];
