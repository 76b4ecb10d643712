import type { NodeId } from '../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  incrementalCheck,
  type Checker,
  type Template,
  type Text,
  type Verdict,
} from '../../src/grader';
import { firstDecision, historyEvent, listNodes, readHistory, type DecisionEvent } from './history';
import { answersEveryRequest } from './answers';
import { nonTriviality } from './nonTriviality';
import { preparedWork } from './preparedWork';
import { quiescence } from './quiescence';
import { resendsUnanswered } from './resends';
import { canCommitFor, COORDINATOR, participantsOf } from './transactions';

/**
 * How long the cluster must have been quiet (no fault since the timeline's `quietSince`: a loss
 * burst, delay spike or pause counts until it ends; and no new Begin) before every transaction
 * must be decided everywhere.
 * A correct node resends what is unanswered at least every 200 ms (the contract says so), and
 * latency is at most a few tens of ms in every scenario: a vote round, a decision round and one
 * missed resend take well under 500 ms; 1000 ms leaves twice that.
 */
export const SETTLE_MS = 1000;

/** Two decisions on one transaction, in trace order. */
type TwoDecisions = { tx: string; earlier: DecisionEvent; later: DecisionEvent };

const atomicityBroken: Template<TwoDecisions> = {
  en: ({ tx, earlier, later }) =>
    `atomicity broken for ${tx}: ${earlier.node} ${past(earlier.outcome)} it at ${fmtMs(earlier.time)} but ${later.node} ${past(later.outcome)} it at ${fmtMs(later.time)}`,
  'zh-cn': ({ tx, earlier, later }) =>
    `${tx} 的原子性被破坏：${earlier.node} 在 ${fmtMs(earlier.time)} ${pastZh(earlier.outcome)}了它，而 ${later.node} 在 ${fmtMs(later.time)} ${pastZh(later.outcome)}了它`,
};

const outcomeChanged: Template<TwoDecisions> = {
  en: ({ tx, earlier, later }) =>
    `${later.node} changed its outcome for ${tx}: ${earlier.outcome} at ${fmtMs(earlier.time)}, then ${later.outcome} at ${fmtMs(later.time)}; a decision is final`,
  'zh-cn': ({ tx, earlier, later }) =>
    `${later.node} 改变了它对 ${tx} 的结果：${fmtMs(earlier.time)} 时是 ${earlier.outcome}，${fmtMs(later.time)} 时又成了 ${later.outcome}；决定一旦做出就不能更改`,
};

const commitRefused: Template<{ node: NodeId; tx: string; time: number; refusers: NodeId[] }> = {
  en: ({ node, tx, time, refusers }) =>
    `validity broken: ${node} committed ${tx} at ${fmtMs(time)}, but ${listNodes(refusers)} cannot commit it (canCommit("${tx}") is false there)`,
  'zh-cn': ({ node, tx, time, refusers }) =>
    `validity 被破坏：${node} 在 ${fmtMs(time)} 提交了 ${tx}，可 ${refusers.join('、')} 不能提交它（在那里 canCommit("${tx}") 为 false）`,
};

const decidedAlone: Template<{ decision: DecisionEvent; voted: number }> = {
  en: ({ decision: d, voted }) =>
    `${d.node} voted yes on ${d.tx} at ${fmtMs(voted)}, then ${past(d.outcome)} it alone at ${fmtMs(d.time)}: the coordinator ${COORDINATOR} had not decided ${d.outcome}. After a yes vote, only the coordinator's decision may end the transaction`,
  'zh-cn': ({ decision: d, voted }) =>
    `${d.node} 在 ${fmtMs(voted)} 对 ${d.tx} 投了赞成票，然后在 ${fmtMs(d.time)} 独自${pastZh(d.outcome)}了它：协调者 ${COORDINATOR} 并没有决定${pastZh(d.outcome)}。投了赞成票之后，只有协调者的决议才能结束这个事务`,
};

const stillUndecided: Template<{
  tx: string;
  begunAt: number;
  undecided: NodeId[];
  end: number;
  calmSince: number;
  because: Text;
}> = {
  en: ({ tx, begunAt, undecided, end, calmSince, because }) =>
    `${tx} (begun at ${fmtMs(begunAt)}) is still undecided at ${listNodes(undecided)} at the end (${fmtMs(end)}), ` +
    `although ${COORDINATOR} is up and the run has been calm (no fault, no new Begin) since ${fmtMs(calmSince)}; ${because.en}`,
  'zh-cn': ({ tx, begunAt, undecided, end, calmSince, because }) =>
    `${tx}（${fmtMs(begunAt)} 开始）到运行结束（${fmtMs(end)}）时在 ${undecided.join('、')} 上仍未决定，` +
    `尽管 ${COORDINATOR} 在线，而且从 ${fmtMs(calmSince)} 起一切平静（没有故障，也没有新的 Begin）；${because['zh-cn']}`,
};

/** Why a transaction is still undecided: what the coordinator did about it. */
function undecidedBecause(
  decided: DecisionEvent | undefined,
  sent: { outcome: 'commit' | 'abort'; time: number } | undefined,
): Text {
  if (decided)
    return {
      en: `${COORDINATOR} decided ${decided.outcome} at ${fmtMs(decided.time)}: resend the decision until every participant acknowledges it`,
      'zh-cn': `${COORDINATOR} 在 ${fmtMs(decided.time)} 决定了${pastZh(decided.outcome)}：要一直重发决议，直到每个参与者都确认`,
    };
  if (sent)
    return {
      en: `${COORDINATOR} sent ${sent.outcome === 'commit' ? 'Commit' : 'Abort'} at ${fmtMs(sent.time)} but never recorded it with ctx.${sent.outcome}(tx)`,
      'zh-cn': `${COORDINATOR} 在 ${fmtMs(sent.time)} 发出了 ${sent.outcome === 'commit' ? 'Commit' : 'Abort'}，却从没用 ctx.${sent.outcome}(tx) 记录它`,
    };
  return {
    en: `${COORDINATOR} never decided it: resend Prepare until every participant votes, or give up and abort`,
    'zh-cn': `${COORDINATOR} 始终没有做出决定：要么一直重发 Prepare 直到每个参与者都投票，要么放弃并中止`,
  };
}

export const atomicity: Checker = {
  name: 'atomicity',
  safety: true,
  translations: { 'zh-cn': { property: '没有哪个事务被一个节点提交、又被另一个节点中止' } },
  property: 'no transaction is committed by one node and aborted by another',
  check({ trace }) {
    const seen = new Map<string, DecisionEvent[]>();
    for (const d of readHistory(trace).decisions) {
      const opposite = seen
        .get(`${d.tx}/${d.outcome === 'commit' ? 'abort' : 'commit'}`)
        ?.find((o) => o.node !== d.node);
      if (opposite) {
        return {
          ok: false,
          explanation: fill(atomicityBroken, { tx: d.tx, earlier: opposite, later: d }),
          at: d.time,
          nodes: [opposite.node, d.node],
          events: [opposite.index, d.index],
        };
      }
      seen.set(`${d.tx}/${d.outcome}`, [...(seen.get(`${d.tx}/${d.outcome}`) ?? []), d]);
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    /** "tx/outcome" → the nodes that decided it so. */
    begin: () => ({ decided: new Map<string, NodeId[]>(), broken: false }),
    event(checked, e) {
      const d = historyEvent(e);
      if (d?.kind !== 'decision' || checked.broken) return;
      const opposite = checked.decided.get(`${d.tx}/${d.outcome === 'commit' ? 'abort' : 'commit'}`) ?? [];
      if (opposite.some((node) => node !== d.node)) checked.broken = true;
      const key = `${d.tx}/${d.outcome}`;
      checked.decided.set(key, [...(checked.decided.get(key) ?? []), d.node]);
    },
    verdict: (checked) => !checked.broken,
  }),
};

export const validity: Checker = {
  name: 'validity',
  safety: true,
  translations: { 'zh-cn': { property: '只有每个参与者都能提交时，事务才会提交' } },
  property: 'a transaction commits only if every participant can commit it',
  check({ trace, nodes }) {
    const participants = participantsOf(nodes);
    for (const d of readHistory(trace).decisions) {
      if (d.outcome !== 'commit') continue;
      const refusers = participants.filter((p) => !canCommitFor(d.tx, p));
      if (refusers.length > 0) {
        return {
          ok: false,
          explanation: fill(commitRefused, { node: d.node, tx: d.tx, time: d.time, refusers }),
          at: d.time,
          nodes: [d.node, ...refusers],
          events: [d.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({ participants: participantsOf(nodes), broken: false }),
    event(checked, e) {
      const d = historyEvent(e);
      if (d?.kind !== 'decision' || d.outcome !== 'commit') return;
      if (checked.participants.some((p) => !canCommitFor(d.tx, p))) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

export const decisionStable: Checker = {
  name: 'decision-stable',
  safety: true,
  translations: { 'zh-cn': { property: '节点对一个事务的结果从不改变，重启之后也一样' } },
  property: 'a node never changes its outcome for a transaction, across restarts too',
  check({ trace }) {
    const first = new Map<string, DecisionEvent>();
    for (const d of readHistory(trace).decisions) {
      const earlier = first.get(`${d.node}/${d.tx}`);
      if (earlier === undefined) first.set(`${d.node}/${d.tx}`, d);
      else if (earlier.outcome !== d.outcome) {
        return {
          ok: false,
          explanation: fill(outcomeChanged, { tx: d.tx, earlier, later: d }),
          at: d.time,
          nodes: [d.node],
          events: [earlier.index, d.index],
        };
      }
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ first: new Map<string, string>(), broken: false }),
    event(checked, e) {
      const d = historyEvent(e);
      if (d?.kind !== 'decision') return;
      const earlier = checked.first.get(`${d.node}/${d.tx}`);
      if (earlier === undefined) checked.first.set(`${d.node}/${d.tx}`, d.outcome);
      else if (earlier !== d.outcome) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
  }),
};

/**
 * After a yes vote a participant has given up its right to abort: only the coordinator decides.
 * A yes voter's decision must follow, in the trace, the same outcome from the coordinator (its
 * report, or its first Commit/Abort sent, should it report late) or from a participant that had
 * not voted yes (which covers cooperative termination: asking a peer that already knows, or one
 * that refused). When the coordinator is gone for good, yes voters block; the passing verdict
 * then explains why that is right.
 */
export const noUnilateralDecision: Checker = {
  name: 'no-unilateral-decision',
  safety: true,
  translations: { 'zh-cn': { property: '投了赞成票的参与者等待决议，而不是自己做决定' } },
  property: 'a participant that voted yes waits for the decision instead of deciding alone',
  check({ trace, nodes, duration }) {
    const history = readHistory(trace);
    const yesAt = new Map(history.yesVotes.map((v) => [`${v.node}/${v.tx}`, v]));
    const votedYesBefore = (d: DecisionEvent): boolean => (yesAt.get(`${d.node}/${d.tx}`)?.index ?? Infinity) < d.index;
    for (const d of history.decisions) {
      if (d.node === COORDINATOR || !votedYesBefore(d)) continue;
      const source = [...history.decisions, ...history.decisionsSent].find(
        (s) =>
          s.index < d.index &&
          s.tx === d.tx &&
          s.outcome === d.outcome &&
          (s.node === COORDINATOR || (s.node !== d.node && !votedYesBefore(s))),
      );
      if (source === undefined) {
        const vote = yesAt.get(`${d.node}/${d.tx}`)!;
        return {
          ok: false,
          explanation: fill(decidedAlone, { decision: d, voted: vote.time }),
          at: d.time,
          nodes: [d.node, COORDINATOR],
          events: [vote.index, d.index],
        };
      }
    }
    return blockingNote(new ClusterTimeline(trace, nodes).advanceTo(duration), history);
  },
  incremental: incrementalCheck({
    begin: () => ({
      /** "node/tx" of every yes vote so far. */
      votedYes: new Set<string>(),
      /** "tx/outcome" → who may be a yes voter's source for it: the coordinator, or nodes that had not voted yes. */
      sources: new Map<string, NodeId[]>(),
      broken: false,
    }),
    event(checked, e) {
      const h = historyEvent(e);
      if (h === undefined || checked.broken) return;
      if (h.kind === 'yes') {
        checked.votedYes.add(`${h.node}/${h.tx}`);
        return;
      }
      const key = `${h.tx}/${h.outcome}`;
      const known = checked.sources.get(key) ?? [];
      const votedYes = checked.votedYes.has(`${h.node}/${h.tx}`);
      if (h.kind === 'decision' && h.node !== COORDINATOR && votedYes)
        checked.broken = !known.some((s) => s === COORDINATOR || s !== h.node);
      if (h.node === COORDINATOR || !votedYes) checked.sources.set(key, [...known, h.node]);
    },
    verdict: (checked) => !checked.broken,
  }),
};

/** Explains yes voters left undecided because the coordinator crashed before deciding and stayed down. */
function blockingNote(end: ClusterTimeline, history: ReturnType<typeof readHistory>): Verdict {
  const up = end.upNodes();
  const crashedAt = history.crashes.get(COORDINATOR)?.at(-1);
  if (up.includes(COORDINATOR) || crashedAt === undefined) return { ok: true };
  for (const tx of new Set(history.yesVotes.map((v) => v.tx))) {
    if (firstDecision(history, COORDINATOR, tx) || history.decisionsSent.some((s) => s.tx === tx)) continue;
    const blocked = history.yesVotes.filter(
      (v) => v.tx === tx && up.includes(v.node) && !firstDecision(history, v.node, tx),
    );
    if (blocked.length === 0) continue;
    const voters = listNodes(blocked.map((v) => `${v.node} (at ${fmtMs(v.time)})`));
    return {
      ok: true,
      note:
        `${voters} voted yes on ${tx} and stay blocked to the end: the coordinator ${COORDINATOR} crashed at ${fmtMs(crashedAt)} before deciding, ` +
        `and no participant may decide alone. This is 2PC's blocking problem; 3PC and Paxos Commit address it`,
    };
  }
  return { ok: true };
}

export const termination: Checker = {
  name: 'termination',
  anySchedule: true,
  translations: {
    'zh-cn': {
      property: `协调者在线、网络安静 ${fmtMs(SETTLE_MS)} 之后，每个在线节点都已对协调者收到的每个事务做出决定`,
    },
  },
  property: `once the coordinator is up and the network has been quiet for ${fmtMs(SETTLE_MS)}, every node that is up has decided every transaction the coordinator received`,
  check({ trace, nodes, duration }) {
    const end = new ClusterTimeline(trace, nodes).advanceTo(duration);
    const up = end.upNodes();
    const quiet = end.quietSince();
    const history = readHistory(trace);
    const lastBegin = Math.max(0, ...history.begun.values());
    // The protocol cannot finish without its coordinator or across a partition; it is not asked to.
    if (!end.up(COORDINATOR) || end.partitioned() || duration - Math.max(quiet, lastBegin) < SETTLE_MS)
      return { ok: true };
    for (const [tx, begunAt] of history.begun) {
      const undecided = up.filter((n) => firstDecision(history, n, tx) === undefined);
      if (undecided.length === 0) continue;
      const decided = firstDecision(history, COORDINATOR, tx);
      const sent = history.decisionsSent.find((s) => s.tx === tx);
      return {
        ok: false,
        explanation: fill(stillUndecided, {
          tx,
          begunAt,
          undecided,
          end: duration,
          calmSince: Math.max(quiet, lastBegin),
          because: undecidedBecause(decided, sent),
        }),
        at: duration,
        nodes: undecided,
      };
    }
    return { ok: true };
  },
};

function past(outcome: 'commit' | 'abort'): string {
  return outcome === 'commit' ? 'committed' : 'aborted';
}

function pastZh(outcome: 'commit' | 'abort'): string {
  return outcome === 'commit' ? '提交' : '中止';
}

/** Every scenario's checkers, in the order a failure is reported. */
export const allCheckers: Checker[] = [
  validity,
  preparedWork,
  decisionStable,
  atomicity,
  noUnilateralDecision,
  termination,
  nonTriviality,
  answersEveryRequest,
  resendsUnanswered,
  quiescence,
];
