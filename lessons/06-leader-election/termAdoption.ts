import { fmtMs, handlerRuns, type Checker } from '../../src/grader';
import type { RaftState } from './contract';

const raftTypes = new Set(['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply']);

/**
 * Figure 2, for all servers: a message with a higher term makes the receiver adopt that term and
 * become a follower; for candidates: an AppendEntries of the candidate's own term comes from that
 * term's leader, so the candidate becomes its follower. Judged on what the node reports once the
 * handler for that message has returned (the kernel reads state() after every handler), so a
 * leader that ignores the term in a reply is seen at the reply, not when an election fails later.
 */
export const termAdoption: Checker<RaftState> = {
  name: 'term-adoption',
  translations: {
    'zh-cn': { property: '节点收到任期更高的消息，就采用这个任期并成为跟随者；候选者听到本任期的领导者，就跟随它' },
  },
  property:
    "a node that receives a message with a higher term adopts it and becomes a follower; a candidate that hears its own term's leader follows it",
  check({ trace }) {
    for (const { node, time, index, request, before, after } of handlerRuns(trace)) {
      if (request === undefined || before === undefined || after === undefined) continue;
      const { type, term } = request.msg;
      if (!raftTypes.has(type) || typeof term !== 'number') continue;
      const higher = term > before.term;
      const leaderOfOwnTerm = type === 'AppendEntries' && term === before.term && before.role === 'candidate';
      if (higher ? after.term >= term && after.role === 'follower' : !leaderOfOwnTerm || after.role !== 'candidate')
        continue;
      const rule = higher
        ? 'a node that sees a higher term in any message must adopt that term and become a follower before doing anything else'
        : 'an AppendEntries of its own term comes from the leader of that term: a candidate must become its follower';
      return {
        ok: false,
        explanation: `${node} received ${type} of term ${term} from ${request.from} at ${fmtMs(time)} as ${before.role} of term ${before.term}, and after handling it still reported ${after.role} of term ${after.term}: ${rule}`,
        at: time,
        nodes: [node, request.from],
        events: [index],
      };
    }
    return { ok: true };
  },
};
