import type { NodeId, Trace } from '../../src/kernel';
import { fill, fmtMs, measuredChecker, type Checker, type Template, type Text } from '../../src/grader';
import { answers, lookupsSeen, versionsSent, type Answer, type LookupRun } from './answers';
import { changesAmong, isFull, overFirstFullAnswers } from './fullAnswers';
import { judgedNow, overLookups, type JudgedLookup } from './overLookups';
import { PROBE_KEYS, REPEAT_MS, type Version } from './workload';

/** Max load over mean load, with 1000 probe keys: 64 virtual nodes a member stay under 1.22 at worst. */
export const BALANCE_LIMIT = 1.3;
/** Keys moved by one join or leave, over the fair share (all keys / members): a ring moves about 1. */
export const MOVED_LIMIT = 1.5;
/** After the faults heal, how soon every answer uses the newest membership (three repeats of it). */
export const CURRENT_AFTER_MS = 3 * REPEAT_MS;

const wrongAnswer: Template<{ node: NodeId; id: number; time: number; fault: Text }> = {
  en: ({ node, id, time, fault }) => `${node} answered lookup ${id} at ${fmtMs(time)} wrongly: ${fault.en}`,
  'zh-cn': ({ node, id, time, fault }) => `${node} 在 ${fmtMs(time)} 对查询 ${id} 的回答有误：${fault['zh-cn']}`,
};

const ownersDisagree: Template<{
  version: number;
  key: string;
  earlier: Answer;
  earlierOwner: NodeId;
  answer: Answer;
  owner: NodeId;
}> = {
  en: ({ version, key, earlier, earlierOwner, answer, owner }) =>
    `for membership version ${version}, ${earlier.node} said ${key} is owned by ${earlierOwner} (at ${fmtMs(earlier.time)}) and ${answer.node} said ${owner} (at ${fmtMs(answer.time)}): every node must compute the same owner from the same membership`,
  'zh-cn': ({ version, key, earlier, earlierOwner, answer, owner }) =>
    `对于成员表版本 ${version}，${earlier.node} 说 ${key} 归 ${earlierOwner}（${fmtMs(earlier.time)}），${answer.node} 却说归 ${owner}（${fmtMs(answer.time)}）：同一份成员表，每个节点都必须算出同一个归属者`,
};

const answeredFromOlder: Template<{ answer: Answer; newest: { version: number; time: number } }> = {
  en: ({ answer, newest }) =>
    `${answer.node} answered at ${fmtMs(answer.time)} from membership version ${answer.version.version}, but it had received version ${newest.version} at ${fmtMs(newest.time)}: an older membership that arrives later is stale, keep the highest version`,
  'zh-cn': ({ answer, newest }) =>
    `${answer.node} 在 ${fmtMs(answer.time)} 依据成员表版本 ${answer.version.version} 作答，可它在 ${fmtMs(newest.time)} 已经收到了版本 ${newest.version}：后到的旧成员表是过期的，要保留最高的版本`,
};

const notCurrent: Template<{ answer: Answer; newest: Version; since: number }> = {
  en: ({ answer, newest, since }) =>
    `${answer.node} answered at ${fmtMs(answer.time)} from membership version ${answer.version.version}, but version ${newest.version} (${newest.members.join(', ')}) had been sent to every node since ${fmtMs(since)}, repeated every ${REPEAT_MS} ms`,
  'zh-cn': ({ answer, newest, since }) =>
    `${answer.node} 在 ${fmtMs(answer.time)} 依据成员表版本 ${answer.version.version} 作答，可版本 ${newest.version}（${newest.members.join('、')}）从 ${fmtMs(since)} 起就已发给每个节点，而且每 ${REPEAT_MS} ms 重发一次`,
};

/** Every answer names a version the service sent, one owner per key, each a member of that version. */
export const validAnswers: Checker = {
  name: 'valid-answers',
  safety: true,
  property: 'an answer names a membership the service sent, and one owner per key, a member of that membership',
  translations: {
    'zh-cn': { property: '回答注明的是配置服务发出过的成员表，并且每个键恰有一个归属者，它是该成员表中的成员' },
  },
  check({ trace }) {
    for (const seen of lookupsSeen(trace)) {
      const fault = seen.fault;
      if (fault === undefined) continue;
      return {
        ok: false,
        explanation: fill(wrongAnswer, { ...seen, fault }),
        at: seen.time,
        nodes: [seen.node],
        events: [seen.index],
      };
    }
    return { ok: true };
  },
  incremental: overLookups({
    begin: () => undefined,
    judge: (_, ended, running) => ![...ended, ...running].some((j) => j.fault !== undefined),
  }),
};

/** Two members that answer from the same membership name the same owner for every key. */
export const agreement: Checker = {
  name: 'agreement',
  safety: true,
  property: 'members that answer from the same membership name the same owner for a key',
  translations: { 'zh-cn': { property: '依据同一份成员表回答的成员，对同一个键给出同一个归属者' } },
  check({ trace }) {
    // By version, each key's first owner named, and the answer that named it.
    const owners = new Map<number, Map<string, NodeId>>();
    const namedBy = new Map<number, Map<string, Answer>>();
    for (const answer of answers(trace)) {
      const v = answer.version.version;
      if (!owners.has(v)) {
        owners.set(v, new Map());
        namedBy.set(v, new Map());
      }
      const [named, by] = [owners.get(v) as Map<string, NodeId>, namedBy.get(v) as Map<string, Answer>];
      for (let i = 0; i < answer.keys.length; i++) {
        const key = answer.keys[i] as string;
        const owner = answer.owners[i] as NodeId;
        const earlierOwner = named.get(key);
        if (earlierOwner === undefined) {
          named.set(key, owner);
          by.set(key, answer);
          continue;
        }
        if (earlierOwner === owner) continue;
        const earlier = by.get(key) as Answer;
        return {
          ok: false,
          explanation: fill(ownersDisagree, { version: v, key, earlier, earlierOwner, answer, owner }),
          at: answer.time,
          nodes: [earlier.node, answer.node],
          events: [earlier.index, answer.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: overLookups({
    begin: () => ({
      /** Ended answers that name a membership not sent yet: one sent later in the same millisecond makes them well formed. */
      waiting: [] as LookupRun[],
      /** By version, the owner each key was given by the answers of runs that ended. */
      named: new Map<number, ReadonlyMap<string, NodeId>>(),
    }),
    judge(state, ended, running, reader) {
      const { named } = state;
      let holds = true;
      const settled = [...state.waiting.map((run) => judgedNow(run, reader)), ...ended];
      state.waiting = [];
      for (const { run, answer } of settled) {
        if (answer === undefined) {
          if (run.lookup.answer !== undefined) state.waiting.push(run);
          continue;
        }
        const next = namedWith(named.get(answer.version.version), answer);
        if (next === undefined) holds = false;
        else named.set(answer.version.version, next);
      }
      // The runs still open, as they stand, against those and each other.
      const withRunning = new Map(named);
      for (const { answer } of running) {
        if (answer === undefined) continue;
        const next = namedWith(withRunning.get(answer.version.version), answer);
        if (next === undefined) holds = false;
        else withRunning.set(answer.version.version, next);
      }
      return holds;
    },
  }),
};

/** The owners an answer names, by key, added to those named before for its version; undefined when they disagree. */
function namedWith(
  named: ReadonlyMap<string, NodeId> | undefined,
  answer: Answer,
): ReadonlyMap<string, NodeId> | undefined {
  const next = new Map(named);
  for (let i = 0; i < answer.keys.length; i++) {
    const key = answer.keys[i] as string;
    const owner = answer.owners[i] as NodeId;
    const earlier = next.get(key);
    if (earlier !== undefined && earlier !== owner) return undefined;
    next.set(key, owner);
  }
  return Object.freeze(next);
}

/**
 * A member answers from the newest membership it has received: a membership delayed on the way
 * and delivered after a newer one is old news, not a change. Storage survives a restart, so what
 * a node received before it crashed counts too.
 */
export const newestKnown: Checker = {
  name: 'newest-known',
  safety: true,
  property: 'a member answers from the newest membership it has received, never from an older one that arrived late',
  translations: { 'zh-cn': { property: '成员依据自己收到的最新成员表回答，绝不采用迟到的旧版本' } },
  check({ trace }) {
    const received = new Map<NodeId, { version: number; time: number }>();
    const answered = new Map(answers(trace).map((a) => [a.index, a]));
    for (const e of trace.events()) {
      if (e.kind === 'deliver' && e.data.type === 'members' && typeof e.data.version === 'number') {
        const newest = received.get(e.node);
        if (newest === undefined || e.data.version > newest.version) {
          received.set(e.node, { version: e.data.version, time: e.time });
        }
      }
      const answer = answered.get(e.index);
      const newest = answer && received.get(answer.node);
      if (answer === undefined || newest === undefined || answer.version.version >= newest.version) continue;
      return {
        ok: false,
        explanation: fill(answeredFromOlder, { answer, newest }),
        at: answer.time,
        nodes: [answer.node],
        events: [answer.index],
      };
    }
    return { ok: true };
  },
  incremental: overLookups({
    /** Ended answers that name a membership not sent yet: one sent later in the same millisecond makes them well formed. */
    begin: () => ({ waiting: [] as LookupRun[] }),
    judge(state, ended, running, reader) {
      const settled = [...state.waiting.map((run) => judgedNow(run, reader)), ...ended];
      state.waiting = settled
        .filter((j) => j.answer === undefined && j.run.lookup.answer !== undefined)
        .map((j) => j.run);
      const stale = ({ run, answer }: JudgedLookup): boolean =>
        answer !== undefined && run.newest !== undefined && answer.version.version < run.newest.version;
      return !settled.some(stale) && !running.some(stale);
    },
  }),
};

/** When the last fault of the run ended (0 when there was none). */
function calmFrom(trace: Trace): number {
  let calm = 0;
  for (const e of trace.events()) {
    if (e.kind === 'fault') calm = Math.max(calm, e.time + e.data.ms);
    else if (['crash', 'restart', 'resume', 'partition', 'heal', 'clock', 'pause'].includes(e.kind)) {
      calm = Math.max(calm, e.time);
    }
  }
  return calm;
}

/** Once the faults are over, a member answers from the newest membership within CURRENT_AFTER_MS of its sending. */
export const currentMembership: Checker = {
  name: 'current-membership',
  anySchedule: true,
  property: `after the faults heal, every answer uses the newest membership sent ${CURRENT_AFTER_MS} ms or more before it`,
  translations: {
    'zh-cn': { property: `故障恢复之后，每个回答都使用在它之前至少 ${CURRENT_AFTER_MS} ms 发出的最新成员表` },
  },
  check({ trace }) {
    const calm = calmFrom(trace);
    const versions = [...versionsSent(trace).values()];
    for (const answer of answers(trace)) {
      const due = Math.max(calm, answer.time - CURRENT_AFTER_MS);
      const newest = versions.filter((v) => v.at <= due).at(-1);
      if (answer.time < calm + CURRENT_AFTER_MS || newest === undefined) continue;
      if (answer.version.version >= newest.version) continue;
      return {
        ok: false,
        explanation: fill(notCurrent, { answer, newest, since: Math.max(newest.at, calm) }),
        at: answer.time,
        nodes: [answer.node],
        events: [answer.index],
      };
    }
    return { ok: true };
  },
};

/**
 * Availability: a member answers every lookup in the handler that receives it, from the newest
 * membership it knows, even while members come and go and even after a restart (a membership
 * kept only in memory is lost with a crash). A node that never received a membership is excused.
 */
export const availability: Checker = {
  ...measuredChecker({
    name: 'availability',
    property: 'a node that has ever received a membership answers every lookup it receives, restarted or not',
    translations: {
      'zh-cn': { property: '收到过成员表的节点回答它收到的每一次查询，无论是否重启过', figure: '没有回答的查询数' },
    },
    figure: 'lookups left unanswered',
    limit: 0,
    bound: 'at-most',
    digits: 0,
    measure({ trace }) {
      // By trace order, not time: a membership and a lookup may arrive in the same millisecond.
      const firstMembership = new Map<NodeId, { time: number; index: number }>();
      for (const e of trace.ofKind('deliver')) {
        if (e.data.type === 'members' && !firstMembership.has(e.node))
          firstMembership.set(e.node, { time: e.time, index: e.index });
      }
      const unanswered = lookupsSeen(trace).filter(
        (l) => l.answer === undefined && (firstMembership.get(l.node)?.index ?? Infinity) < l.index,
      );
      const first = unanswered[0];
      return {
        value: unanswered.length,
        detail:
          first === undefined
            ? { en: '', 'zh-cn': '' }
            : fill(unansweredLookup, {
                ...first,
                membership: (firstMembership.get(first.node) as { time: number }).time,
              }),
        at: first?.time,
        nodes: first && [first.node],
        events: first && [first.index],
      };
    },
  }),
  safety: true,
  incremental: overLookups({
    begin: () => undefined,
    judge: (_, ended, running) =>
      ![...ended, ...running].some(({ run }) => run.lookup.answer === undefined && run.hadMembership),
  }),
};

const unansweredLookup: Template<{ node: NodeId; id: number; time: number; membership: number }> = {
  en: ({ node, id, time, membership }) =>
    `${node} received lookup ${id} at ${fmtMs(time)} and sent no owners back, though it had received a membership at ${fmtMs(membership)}`,
  'zh-cn': ({ node, id, time, membership }) =>
    `${node} 在 ${fmtMs(time)} 收到查询 ${id}，却没有回送归属者，尽管它在 ${fmtMs(membership)} 已经收到过成员表`,
};

/** The first answer about every probe key for each membership version. */
function fullAnswers(trace: Trace): Answer[] {
  const byVersion = new Map<number, Answer>();
  for (const answer of answers(trace)) {
    if (!isFull(answer) || byVersion.has(answer.version.version)) continue;
    byVersion.set(answer.version.version, answer);
  }
  return [...byVersion.values()].sort((a, b) => a.version.version - b.version.version);
}

/** Balance: over the probe keys, the busiest member's keys against the mean (1 is perfect). */
export const balance: Checker = {
  ...measuredChecker({
    name: 'balance',
    property: `no member owns more than ${BALANCE_LIMIT} times its fair share of the keys`,
    translations: {
      'zh-cn': { property: `没有哪个成员拥有的键超过公平份额的 ${BALANCE_LIMIT} 倍`, figure: '最大负载与平均负载之比' },
    },
    figure: 'max load / mean load',
    limit: BALANCE_LIMIT,
    bound: 'at-most',
    digits: 2,
    measure({ trace }) {
      let worst: { value: number; detail: Text; at: number; nodes: NodeId[]; events: number[] } | undefined;
      for (const answer of fullAnswers(trace)) {
        const members = answer.version.members;
        const { busiest, most, mean, value } = loadOf(answer);
        if (worst !== undefined && value <= worst.value) continue;
        worst = {
          value,
          detail: {
            en: `with membership version ${answer.version.version} (${members.join(', ')}), ${answer.node} gave ${busiest} ${most} of ${answer.keys.length} keys at ${fmtMs(answer.time)}, where the mean is ${mean.toFixed(1)}`,
            'zh-cn': `在成员表版本 ${answer.version.version}（${members.join('、')}）下，${answer.node} 在 ${fmtMs(answer.time)} 把 ${answer.keys.length} 个键中的 ${most} 个分给了 ${busiest}，而平均是 ${mean.toFixed(1)} 个`,
          },
          at: answer.time,
          nodes: [answer.node, busiest],
          events: [answer.index],
        };
      }
      return worst;
    },
  }),
  safety: true,
  incremental: overFirstFullAnswers((full) => full.every((answer) => loadOf(answer).value <= BALANCE_LIMIT)),
};

/** The busiest member's keys in an answer, against the mean. */
function loadOf(answer: Answer): { busiest: NodeId; most: number; mean: number; value: number } {
  const members = answer.version.members;
  const load = new Map<NodeId, number>(members.map((m) => [m, 0]));
  for (const owner of answer.owners) load.set(owner, (load.get(owner) ?? 0) + 1);
  const [busiest, most] = [...load].reduce((a, b) => (b[1] > a[1] ? b : a));
  const mean = answer.keys.length / members.length;
  return { busiest, most, mean, value: most / mean };
}

/** Consecutive versions (one join or leave apart) that both have an answer about every probe key. */
function changes(trace: Trace): Array<[Answer, Answer]> {
  return changesAmong(fullAnswers(trace));
}

const changeName = (before: Answer, after: Answer): Text => {
  const joined = after.version.members.filter((m) => !before.version.members.includes(m));
  const left = before.version.members.filter((m) => !after.version.members.includes(m));
  const what = [...joined.map((m) => `${m} joined`), ...left.map((m) => `${m} left`)].join(' and ');
  const whatZh = [...joined.map((m) => `${m} 加入`), ...left.map((m) => `${m} 离开`)].join('、');
  const versions = `${before.version.version} → ${after.version.version}`;
  return {
    en: `${what || 'nothing changed'} (version ${versions}, at ${fmtMs(after.version.at)})`,
    'zh-cn': `${whatZh || '什么也没变'}（版本 ${versions}，${fmtMs(after.version.at)}）`,
  };
};

/** On a join or leave, no key moves between two members that both stayed. */
export const stayersKeepKeys: Checker = {
  ...measuredChecker({
    name: 'stayers-keep-keys',
    property: 'on a join or leave, no key moves between two members that were there before and after',
    translations: {
      'zh-cn': {
        property: '有节点加入或离开时，变动前后都在的两个成员之间没有键迁移',
        figure: '在两个都留下的成员之间迁移的键数',
      },
    },
    figure: 'keys moved between two members that both stayed',
    limit: 0,
    bound: 'at-most',
    digits: 0,
    measure({ trace }) {
      let worst: { value: number; detail: Text; at: number; nodes: NodeId[]; events: number[] } | undefined;
      for (const [before, after] of changes(trace)) {
        const moved = movedBetweenStayers(before, after);
        if (worst !== undefined && moved.length <= worst.value) continue;
        const example = moved[0];
        worst = {
          value: moved.length,
          detail:
            example === undefined
              ? { en: '', 'zh-cn': '' }
              : {
                  en: `when ${changeName(before, after).en}, ${example.key} moved from ${example.from} to ${example.to}, which both stayed`,
                  'zh-cn': `${changeName(before, after)['zh-cn']}时，${example.key} 从 ${example.from} 迁到了 ${example.to}，而这两个成员都留了下来`,
                },
          at: after.time,
          nodes: example ? [example.from, example.to] : [],
          events: [before.index, after.index],
        };
      }
      return worst;
    },
  }),
  safety: true,
  incremental: overFirstFullAnswers((full) =>
    changesAmong(full).every(([before, after]) => movedBetweenStayers(before, after).length <= 0),
  ),
};

/** The keys that moved between two members that were there before and after a change. */
function movedBetweenStayers(before: Answer, after: Answer): Array<{ key: string; from: NodeId; to: NodeId }> {
  const stayed = (m: NodeId) => before.version.members.includes(m) && after.version.members.includes(m);
  return PROBE_KEYS.flatMap((key, i) => {
    const [from, to] = [before.owners[i] as NodeId, after.owners[i] as NodeId];
    return from !== to && stayed(from) && stayed(to) ? [{ key, from, to }] : [];
  });
}

/** On a join or leave, the keys that change owner, over the fair share: all keys / members. */
export const keysMoved: Checker = {
  ...movedShare(MOVED_LIMIT, 'at-most'),
  safety: true,
  incremental: overFirstFullAnswers((full) =>
    changesAmong(full).every(([before, after]) => movedShareOf(before, after).value <= MOVED_LIMIT),
  ),
};

/** The keys that changed owner between two answers, over the fair share. */
function movedShareOf(before: Answer, after: Answer): { moved: number; fair: number; value: number } {
  const moved = PROBE_KEYS.filter((_, i) => before.owners[i] !== after.owners[i]).length;
  const members = Math.max(before.version.members.length, after.version.members.length);
  const fair = PROBE_KEYS.length / members;
  return { moved, fair, value: moved / fair };
}

/** The worst share of keys moved by one join or leave, against a limit on either side (a live simulation shows modulo hashing's). */
export function movedShare(limit: number, bound: 'at-most' | 'at-least'): Checker {
  return measuredChecker({
    name: 'keys-moved',
    property: `one join or leave moves ${bound === 'at-most' ? 'at most' : 'at least'} ${limit} times the fair share of keys (all keys / members)`,
    translations: {
      'zh-cn': {
        property: `一次加入或离开迁移的键${bound === 'at-most' ? '至多' : '至少'}是公平份额（键总数 / 成员数）的 ${limit} 倍`,
        figure: '一次加入或离开迁移的键数与公平份额之比',
      },
    },
    figure: '× the fair share of keys moved on one join or leave',
    limit,
    bound,
    digits: 2,
    measure({ trace }) {
      let worst: { value: number; detail: Text; at: number; nodes: NodeId[]; events: number[] } | undefined;
      for (const [before, after] of changes(trace)) {
        const { moved, fair, value } = movedShareOf(before, after);
        if (worst !== undefined && value <= worst.value) continue;
        worst = {
          value,
          detail: {
            en: `when ${changeName(before, after).en}, ${moved} of ${PROBE_KEYS.length} keys changed owner between ${before.node}'s answer at ${fmtMs(before.time)} and ${after.node}'s at ${fmtMs(after.time)}, where the fair share is ${fair.toFixed(0)}`,
            'zh-cn': `${changeName(before, after)['zh-cn']}时，从 ${before.node} 在 ${fmtMs(before.time)} 的回答到 ${after.node} 在 ${fmtMs(after.time)} 的回答，${PROBE_KEYS.length} 个键中有 ${moved} 个换了归属者，而公平份额是 ${fair.toFixed(0)} 个`,
          },
          at: after.time,
          nodes: [before.node, after.node],
          events: [before.index, after.index],
        };
      }
      return worst;
    },
  });
}

/** Every checker, most specific cause first. */
export const allCheckers: Checker[] = [
  validAnswers,
  agreement,
  availability,
  currentMembership,
  newestKnown,
  stayersKeepKeys,
  keysMoved,
  balance,
];
