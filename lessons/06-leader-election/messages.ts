import type { NodeId } from '../../src/kernel';
import { fmtMs, handlerRuns, type Checker, type HandlerRun, type Verdict } from '../../src/grader';
import type { RaftState } from './contract';

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
      const request = run.request;
      if (request === undefined || run.before === undefined || typeof request.msg.term !== 'number') continue;
      const type = replyTo[request.msg.type];
      if (type === undefined) continue;
      const expected = Math.max(run.before.term, request.msg.term);
      const replies = run.sends.filter((s) => s.msg.type === type && s.to === request.from);
      if (replies.length === 0) {
        return fail(
          run,
          run.index,
          `${run.node} received ${request.msg.type} of term ${request.msg.term} from ${request.from} at ${fmtMs(run.time)} and sent no ${type} back: every ${request.msg.type} is answered, so that its sender learns the outcome and this node's term`,
          [run.node, request.from],
        );
      }
      if (request.msg.type === 'AppendEntries') {
        const stale = request.msg.term < run.before.term;
        const wrong = replies.find((s) => s.msg.success !== !stale);
        if (wrong !== undefined) {
          return fail(
            run,
            wrong.index,
            `${run.node} answered ${request.from}'s AppendEntries of term ${request.msg.term} at ${fmtMs(run.time)} with success = ${String(wrong.msg.success)} while in term ${run.before.term}: an AppendEntries of an older term is refused (success = false), one of the current term or newer is accepted`,
            [run.node, request.from],
          );
        }
        const changed =
          run.after !== undefined && (run.after.role !== run.before.role || run.after.term !== run.before.term);
        if (stale && changed) {
          return fail(
            run,
            run.index,
            `${run.node} was ${run.before.role} of term ${run.before.term} and became ${run.after?.role ?? ''} of term ${run.after?.term ?? ''} at ${fmtMs(run.time)} on ${request.from}'s AppendEntries of the older term ${request.msg.term}: a stale leader's message changes nothing`,
            [run.node, request.from],
          );
        }
      }
      for (const sent of replies) {
        if (sent.msg.term === expected) continue;
        return fail(
          run,
          sent.index,
          `${run.node} answered ${request.from}'s ${request.msg.type} of term ${request.msg.term} at ${fmtMs(run.time)} with a ${type} of term ${String(sent.msg.term)}, though its own term was then ${expected}: a reply carries the replier's currentTerm, so that a stale sender learns of the newer term`,
          [run.node, request.from],
        );
      }
    }
    return { ok: true };
  },
};

/** What a node that takes up a role sends every peer at once: a candidate its RequestVote, a leader its first heartbeat. */
const announcement: Partial<Record<RaftState['role'], string>> = { candidate: 'RequestVote', leader: 'AppendEntries' };

/**
 * The starter's rules: a new candidate sends RequestVote to every peer, and a new leader sends
 * AppendEntries to every peer, at once. A late announcement lets other timers run out meanwhile.
 */
export const promptHeartbeat: Checker<RaftState> = {
  name: 'announces-at-once',
  translations: { 'zh-cn': { property: '新候选者立刻向其他每个节点请求投票，新领导者立刻向其他每个节点发送心跳' } },
  property: 'a new candidate asks every other node for its vote, and a new leader heartbeats every other node, at once',
  check({ trace, nodes }) {
    const runs = handlerRuns(trace);
    for (const run of runs) {
      const { before, after } = run;
      const type = after === undefined ? undefined : announcement[after.role];
      if (after === undefined || type === undefined || (before?.role === after.role && before.term === after.term))
        continue;
      // At once: in this handler, or in another of the node's at the same virtual time (a 0 ms timer).
      const told = new Set(
        runs
          .filter((r) => r.node === run.node && r.time === run.time)
          .flatMap((r) => r.sends)
          .filter((s) => s.msg.type === type && s.msg.term === after.term)
          .map((s) => s.to),
      );
      const missed = nodes.filter((n) => n !== run.node && !told.has(n));
      if (missed.length === 0) continue;
      return fail(
        run,
        run.index,
        `${run.node} became ${after.role} of term ${after.term} at ${fmtMs(run.time)} but sent no ${type} to ${missed.join(', ')} then: a new ${after.role} sends ${type} to every peer at once`,
        [run.node, ...missed],
      );
    }
    return { ok: true };
  },
};

/**
 * Only a candidate asks for votes, and only a leader sends AppendEntries, each for its own term.
 * A node that keeps asking after it stepped down, or that heartbeats after losing its leadership,
 * disturbs a cluster that has moved on.
 */
export const requestByRole: Checker<RaftState> = {
  name: 'request-by-role',
  translations: { 'zh-cn': { property: 'RequestVote 只来自该任期的候选者，AppendEntries 只来自该任期的领导者' } },
  property: 'RequestVote comes only from a candidate of that term, AppendEntries only from the leader of that term',
  check({ trace }) {
    for (const run of handlerRuns(trace)) {
      const after = run.after;
      if (after === undefined) continue;
      for (const sent of run.sends) {
        const role =
          sent.msg.type === 'RequestVote' ? 'candidate' : sent.msg.type === 'AppendEntries' ? 'leader' : undefined;
        if (role === undefined || (after.role === role && after.term === sent.msg.term)) continue;
        return fail(
          run,
          sent.index,
          `${run.node} sent ${sent.msg.type} of term ${String(sent.msg.term)} to ${sent.to} at ${fmtMs(run.time)} while it was ${after.role} of term ${after.term}: only a ${role} sends ${sent.msg.type}, and only for the term it is ${role} of`,
          [run.node, sent.to],
        );
      }
    }
    return { ok: true };
  },
};

function fail(run: HandlerRun<RaftState>, index: number, explanation: string, nodes: NodeId[]): Verdict {
  return { ok: false, explanation, at: run.time, nodes, events: [run.index, index] };
}
