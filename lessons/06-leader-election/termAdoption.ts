import type { NodeId } from '../../src/kernel';
import {
  fill,
  fmtMs,
  handlerRuns,
  overHandlerRuns,
  type Checker,
  type HandlerRun,
  type Template,
  type Verdict,
} from '../../src/grader';
import { roleInChinese } from './cluster';
import type { RaftState } from './contract';

const raftTypes = new Set(['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply']);

const termNotAdopted: Template<{
  node: NodeId;
  from: NodeId;
  type: string;
  term: number;
  time: number;
  before: RaftState;
  after: RaftState;
  higher: boolean;
}> = {
  en: ({ node, from, type, term, time, before, after, higher }) =>
    `${node} received ${type} of term ${term} from ${from} at ${fmtMs(time)} as ${before.role} of term ${before.term}, and after handling it still reported ${after.role} of term ${after.term}: ` +
    (higher
      ? 'a node that sees a higher term in any message must adopt that term and become a follower before doing anything else'
      : 'an AppendEntries of its own term comes from the leader of that term: a candidate must become its follower'),
  'zh-cn': ({ node, from, type, term, time, before, after, higher }) =>
    `${node} 身为任期 ${before.term} 的${roleInChinese[before.role]}，在 ${fmtMs(time)} 收到 ${from} 发来的任期 ${term} 的 ${type}，处理完后报告的却仍是任期 ${after.term} 的${roleInChinese[after.role]}：` +
    (higher
      ? '节点在任何消息里看到更高的任期，都必须先采用这个任期、成为跟随者，再做别的事'
      : '本任期的 AppendEntries 来自本任期的领导者：候选者必须成为它的跟随者'),
};

/**
 * Figure 2, for all servers: a message with a higher term makes the receiver adopt that term and
 * become a follower; for candidates: an AppendEntries of the candidate's own term comes from that
 * term's leader, so the candidate becomes its follower. Judged on what the node reports once the
 * handler for that message has returned (the kernel reads state() after every handler), so a
 * leader that ignores the term in a reply is seen at the reply, not when an election fails later.
 */
export const termAdoption: Checker<RaftState> = {
  name: 'term-adoption',
  safety: true,
  translations: {
    'zh-cn': { property: '节点收到任期更高的消息，就采用这个任期并成为跟随者；候选者听到本任期的领导者，就跟随它' },
  },
  property:
    "a node that receives a message with a higher term adopts it and becomes a follower; a candidate that hears its own term's leader follows it",
  check({ trace }) {
    for (const run of handlerRuns(trace)) {
      const verdict = judgeAdoption(run);
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: overHandlerRuns((run) => judgeAdoption(run) === undefined),
};

/** termAdoption's rule for one handler run: undefined when it keeps it. */
function judgeAdoption({ node, time, index, request, before, after }: HandlerRun<RaftState>): Verdict | undefined {
  if (request === undefined || before === undefined || after === undefined) return undefined;
  const { type, term } = request.msg;
  if (!raftTypes.has(type) || typeof term !== 'number') return undefined;
  const higher = term > before.term;
  const leaderOfOwnTerm = type === 'AppendEntries' && term === before.term && before.role === 'candidate';
  if (higher ? after.term >= term && after.role === 'follower' : !leaderOfOwnTerm || after.role !== 'candidate')
    return undefined;
  return {
    ok: false,
    explanation: fill(termNotAdopted, { node, from: request.from, type, term, time, before, after, higher }),
    at: time,
    nodes: [node, request.from],
    events: [index],
  };
}
