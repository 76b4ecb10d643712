import type { NodeId } from '../../src/kernel';
import {
  fill,
  fmtMs,
  handlerRuns,
  overHandlerRuns,
  type Checker,
  type HandlerRun,
  type SentMessage,
  type SentThen,
  type Template,
  type Text,
  type Verdict,
} from '../../src/grader';
import { roleInChinese } from './cluster';
import type { RaftState, Role } from './contract';

/** The handler run a verdict is about: who handled what from whom, and when. */
type Handled = { node: NodeId; from: NodeId; type: string; term: number; time: number };

const notAnswered: Template<Handled & { reply: string }> = {
  en: ({ node, from, type, term, time, reply }) =>
    `${node} received ${type} of term ${term} from ${from} at ${fmtMs(time)} and sent no ${reply} back: every ${type} is answered, so that its sender learns the outcome and this node's term`,
  'zh-cn': ({ node, from, type, term, time, reply }) =>
    `${node} 在 ${fmtMs(time)} 收到 ${from} 发来的任期 ${term} 的 ${type}，却没有回 ${reply}：每个 ${type} 都要回答，好让发送者知道结果和这个节点的任期`,
};

const wrongSuccess: Template<Handled & { success: unknown; own: number }> = {
  en: ({ node, from, term, time, success, own }) =>
    `${node} answered ${from}'s AppendEntries of term ${term} at ${fmtMs(time)} with success = ${String(success)} while in term ${own}: an AppendEntries of an older term is refused (success = false), one of the current term or newer is accepted`,
  'zh-cn': ({ node, from, term, time, success, own }) =>
    `${node} 身在任期 ${own}，在 ${fmtMs(time)} 以 success = ${String(success)} 回答了 ${from} 任期 ${term} 的 AppendEntries：旧任期的 AppendEntries 要拒绝（success = false），当前或更新任期的要接受`,
};

const staleChanged: Template<Handled & { before: RaftState; after: RaftState }> = {
  en: ({ node, from, term, time, before, after }) =>
    `${node} was ${before.role} of term ${before.term} and became ${after.role} of term ${after.term} at ${fmtMs(time)} on ${from}'s AppendEntries of the older term ${term}: a stale leader's message changes nothing`,
  'zh-cn': ({ node, from, term, time, before, after }) =>
    `${node} 原是任期 ${before.term} 的${roleInChinese[before.role]}，却因 ${from} 旧任期 ${term} 的 AppendEntries，在 ${fmtMs(time)} 变成了任期 ${after.term} 的${roleInChinese[after.role]}：过期领导者的消息什么也不改变`,
};

const wrongReplyTerm: Template<Handled & { reply: string; replied: unknown; expected: number }> = {
  en: ({ node, from, type, term, time, reply, replied, expected }) =>
    `${node} answered ${from}'s ${type} of term ${term} at ${fmtMs(time)} with a ${reply} of term ${String(replied)}, though its own term was then ${expected}: a reply carries the replier's currentTerm, so that a stale sender learns of the newer term`,
  'zh-cn': ({ node, from, type, term, time, reply, replied, expected }) =>
    `${node} 在 ${fmtMs(time)} 用任期 ${String(replied)} 的 ${reply} 回答了 ${from} 任期 ${term} 的 ${type}，而它自己当时的任期是 ${expected}：回复要带上回复者的 currentTerm，过期的发送者才能得知更新的任期`,
};

const lateAnnouncement: Template<{
  node: NodeId;
  role: Role;
  term: number;
  time: number;
  type: string;
  missed: NodeId[];
}> = {
  en: ({ node, role, term, time, type, missed }) =>
    `${node} became ${role} of term ${term} at ${fmtMs(time)} but sent no ${type} to ${missed.join(', ')} then: a new ${role} sends ${type} to every peer at once`,
  'zh-cn': ({ node, role, term, time, type, missed }) =>
    `${node} 在 ${fmtMs(time)} 成为任期 ${term} 的${roleInChinese[role]}，当时却没有给 ${missed.join('、')} 发 ${type}：新的${roleInChinese[role]}要立刻向每个对端发送 ${type}`,
};

const wrongSender: Template<{
  node: NodeId;
  to: NodeId;
  type: string;
  term: unknown;
  time: number;
  after: RaftState;
  role: Role;
}> = {
  en: ({ node, to, type, term, time, after, role }) =>
    `${node} sent ${type} of term ${String(term)} to ${to} at ${fmtMs(time)} while it was ${after.role} of term ${after.term}: only a ${role} sends ${type}, and only for the term it is ${role} of`,
  'zh-cn': ({ node, to, type, term, time, after, role }) =>
    `${node} 身为任期 ${after.term} 的${roleInChinese[after.role]}，却在 ${fmtMs(time)} 给 ${to} 发了任期 ${String(term)} 的 ${type}：只有${roleInChinese[role]}才发 ${type}，而且只为它担任${roleInChinese[role]}的那个任期发`,
};

/** A reply answers a request of this type. */
const replyTo: Record<string, string> = { RequestVote: 'RequestVoteReply', AppendEntries: 'AppendEntriesReply' };

/**
 * Figure 2's replies: every RequestVote and AppendEntries is answered in the handler that receives
 * it, with the replier's currentTerm — after it adopted the request's term if that was higher, so
 * a stale sender learns it must step down. An AppendEntries of an older term is refused
 * (success = false) and changes nothing; one of the current term is accepted.
 */
export const replyTerm: Checker<RaftState> = {
  name: 'reply-term',
  safety: true,
  translations: {
    'zh-cn': {
      property:
        '每个 RequestVote 和 AppendEntries 都以回复者的当前任期作答；过期的 AppendEntries 被拒绝，也不改变任何状态',
    },
  },
  property:
    "every RequestVote and AppendEntries is answered with the replier's current term; a stale AppendEntries is refused and changes nothing",
  check({ trace }) {
    for (const run of handlerRuns(trace)) {
      const verdict = judgeReplies(run);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: overHandlerRuns((run) => judgeReplies(run) === undefined),
};

/** replyTerm's rule for one handler run: undefined when it keeps it. */
function judgeReplies(run: HandlerRun<RaftState>): Verdict | undefined {
  const request = run.request;
  if (request === undefined || run.before === undefined || typeof request.msg.term !== 'number') return undefined;
  const type = replyTo[request.msg.type];
  if (type === undefined) return undefined;
  const expected = Math.max(run.before.term, request.msg.term);
  const handled: Handled = {
    node: run.node,
    from: request.from,
    type: request.msg.type,
    term: request.msg.term,
    time: run.time,
  };
  const replies = run.sends.filter((s) => s.msg.type === type && s.to === request.from);
  if (replies.length === 0) {
    return fail(run, run.index, fill(notAnswered, { ...handled, reply: type }), [run.node, request.from]);
  }
  if (request.msg.type === 'AppendEntries') {
    const stale = request.msg.term < run.before.term;
    const wrong = replies.find((s) => s.msg.success !== !stale);
    if (wrong !== undefined) {
      return fail(
        run,
        wrong.index,
        fill(wrongSuccess, { ...handled, success: wrong.msg.success, own: run.before.term }),
        [run.node, request.from],
      );
    }
    const after = run.after;
    const changed = after !== undefined && (after.role !== run.before.role || after.term !== run.before.term);
    if (stale && changed) {
      return fail(run, run.index, fill(staleChanged, { ...handled, before: run.before, after }), [
        run.node,
        request.from,
      ]);
    }
  }
  for (const sent of replies) {
    if (sent.msg.term === expected) continue;
    return fail(run, sent.index, fill(wrongReplyTerm, { ...handled, reply: type, replied: sent.msg.term, expected }), [
      run.node,
      request.from,
    ]);
  }
  return undefined;
}

/** What a node that takes up a role sends every peer at once: a candidate its RequestVote, a leader its first heartbeat. */
const announcement: Partial<Record<RaftState['role'], string>> = { candidate: 'RequestVote', leader: 'AppendEntries' };

/**
 * The starter's rules: a new candidate sends RequestVote to every peer, and a new leader sends
 * AppendEntries to every peer, at once. A late announcement lets other timers run out meanwhile.
 */
export const promptHeartbeat: Checker<RaftState> = {
  name: 'announces-at-once',
  safety: true,
  translations: { 'zh-cn': { property: '新候选者立刻向其他每个节点请求投票，新领导者立刻向其他每个节点发送心跳' } },
  property: 'a new candidate asks every other node for its vote, and a new leader heartbeats every other node, at once',
  check({ trace, nodes }) {
    const runs = handlerRuns(trace);
    for (const run of runs) {
      // At once: in this handler, or in another of the node's at the same virtual time (a 0 ms timer).
      const sent = (): SentMessage[] =>
        runs.filter((r) => r.node === run.node && r.time === run.time).flatMap((r) => r.sends);
      const verdict = judgeAnnouncement(run, sent, nodes);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: overHandlerRuns((run, sentThen, nodes) => judgeAnnouncement(run, sentThen, nodes) === undefined),
};

/** promptHeartbeat's rule for one handler run, given what its node sent at that time: undefined when it keeps it. */
function judgeAnnouncement(
  run: HandlerRun<RaftState>,
  sentThen: SentThen,
  nodes: readonly NodeId[],
): Verdict | undefined {
  const { before, after } = run;
  const type = after === undefined ? undefined : announcement[after.role];
  if (after === undefined || type === undefined || (before?.role === after.role && before.term === after.term))
    return undefined;
  const told = new Set(
    sentThen()
      .filter((s) => s.msg.type === type && s.msg.term === after.term)
      .map((s) => s.to),
  );
  const missed = nodes.filter((n) => n !== run.node && !told.has(n));
  if (missed.length === 0) return undefined;
  return fail(
    run,
    run.index,
    fill(lateAnnouncement, { node: run.node, role: after.role, term: after.term, time: run.time, type, missed }),
    [run.node, ...missed],
  );
}

/**
 * Only a candidate asks for votes, and only a leader sends AppendEntries, each for its own term.
 * A node that keeps asking after it stepped down, or that heartbeats after losing its leadership,
 * disturbs a cluster that has moved on.
 */
export const requestByRole: Checker<RaftState> = {
  name: 'request-by-role',
  safety: true,
  translations: { 'zh-cn': { property: 'RequestVote 只来自该任期的候选者，AppendEntries 只来自该任期的领导者' } },
  property: 'RequestVote comes only from a candidate of that term, AppendEntries only from the leader of that term',
  check({ trace }) {
    for (const run of handlerRuns(trace)) {
      const verdict = judgeSenders(run);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: overHandlerRuns((run) => judgeSenders(run) === undefined),
};

/** requestByRole's rule for one handler run: undefined when it keeps it. */
function judgeSenders(run: HandlerRun<RaftState>): Verdict | undefined {
  const after = run.after;
  if (after === undefined) return undefined;
  for (const sent of run.sends) {
    const role =
      sent.msg.type === 'RequestVote' ? 'candidate' : sent.msg.type === 'AppendEntries' ? 'leader' : undefined;
    if (role === undefined || (after.role === role && after.term === sent.msg.term)) continue;
    return fail(
      run,
      sent.index,
      fill(wrongSender, {
        node: run.node,
        to: sent.to,
        type: sent.msg.type,
        term: sent.msg.term,
        time: run.time,
        after,
        role,
      }),
      [run.node, sent.to],
    );
  }
  return undefined;
}

function fail(run: HandlerRun<RaftState>, index: number, explanation: Text, nodes: NodeId[]): Verdict {
  return { ok: false, explanation, at: run.time, nodes, events: [run.index, index] };
}
