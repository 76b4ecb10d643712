import type { NodeId } from '../../src/kernel';
import { fmtMs, type Checker } from '../../src/grader';
import type { RaftState } from './contract';

const raftTypes = new Set(['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply']);

/** A message a node must react to, and what it reported when the message arrived. */
interface Obligation {
  index: number;
  time: number;
  from: NodeId;
  type: string;
  term: number;
  before: RaftState;
}

/**
 * Figure 2, for all servers: a message with a higher term makes the receiver adopt that term and
 * become a follower; for candidates: an AppendEntries of the candidate's own term comes from that
 * term's leader, so the candidate becomes its follower. Judged on what the node reports once the
 * handler for that message has returned (the kernel reads state() after every handler), so a
 * leader that ignores the term in a reply is seen at the reply, not when an election fails later.
 */
export const termAdoption: Checker = {
  name: 'term-adoption',
  property:
    "a node that receives a message with a higher term adopts it and becomes a follower; a candidate that hears its own term's leader follows it",
  check({ trace }) {
    const state = new Map<NodeId, RaftState>();
    const pending = new Map<NodeId, Obligation>();
    const settle = (node: NodeId): ReturnType<Checker['check']> | undefined => {
      const due = pending.get(node);
      pending.delete(node);
      const after = state.get(node);
      if (due === undefined || after === undefined) return undefined;
      const higher = due.term > due.before.term;
      if (higher ? after.term >= due.term && after.role === 'follower' : after.role !== 'candidate') return undefined;
      const rule = higher
        ? 'a node that sees a higher term in any message must adopt that term and become a follower before doing anything else'
        : 'an AppendEntries of its own term comes from the leader of that term: a candidate must become its follower';
      return {
        ok: false,
        explanation: `${node} received ${due.type} of term ${due.term} from ${due.from} at ${fmtMs(due.time)} as ${due.before.role} of term ${due.before.term}, and after handling it still reported ${after.role} of term ${after.term}: ${rule}`,
        at: due.time,
        nodes: [node, due.from],
        events: [due.index],
      };
    };
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'state' && kind !== 'deliver' && kind !== 'timer' && kind !== 'crash' && kind !== 'restart')
        continue;
      const e = trace.event(i);
      if (kind === 'state') {
        state.set(e.node, e.data as RaftState);
        continue;
      }
      // The next handler (or a crash) on this node: the previous handler's report is final.
      const broken = kind === 'crash' || kind === 'restart' ? (pending.delete(e.node), undefined) : settle(e.node);
      if (broken) return broken;
      if (kind !== 'deliver' || e.peer === undefined) continue;
      const msg = e.data as { type?: unknown; term?: unknown };
      const before = state.get(e.node);
      if (
        before === undefined ||
        typeof msg.type !== 'string' ||
        !raftTypes.has(msg.type) ||
        typeof msg.term !== 'number'
      )
        continue;
      const owed =
        msg.term > before.term ||
        (msg.type === 'AppendEntries' && msg.term === before.term && before.role === 'candidate');
      if (owed) pending.set(e.node, { index: i, time: e.time, from: e.peer, type: msg.type, term: msg.term, before });
    }
    for (const node of [...pending.keys()]) {
      const broken = settle(node);
      if (broken) return broken;
    }
    return { ok: true };
  },
};
