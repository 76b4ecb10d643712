import type { Message, Node, NodeId } from '../../src/kernel/api';

/**
 * The messages of Raft's leader election, named as in the paper (Figure 2). There is no log in
 * this exercise: AppendEntries is only the leader's heartbeat. The grader reads `type`, `term`
 * and `voteGranted`; to carry more, extend a message (`interface MyVote extends RequestVote
 * { lastLogIndex: number }`) and give your context and node your own union.
 */

/** Candidate → every peer: vote for me in `term`. */
export interface RequestVote extends Message {
  readonly type: 'RequestVote';
  readonly term: number;
  readonly candidateId: NodeId;
}

/** Voter → candidate: the voter's current term, and whether it granted its vote. */
export interface RequestVoteReply extends Message {
  readonly type: 'RequestVoteReply';
  readonly term: number;
  readonly voteGranted: boolean;
}

/** Leader → every peer: I lead `term` (a heartbeat: no entries in this exercise). */
export interface AppendEntries extends Message {
  readonly type: 'AppendEntries';
  readonly term: number;
  readonly leaderId: NodeId;
}

/** Follower → leader: the follower's current term; `success` is false when the leader is stale. */
export interface AppendEntriesReply extends Message {
  readonly type: 'AppendEntriesReply';
  readonly term: number;
  readonly success: boolean;
}

export type RaftMessage = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply;

export type Role = 'follower' | 'candidate' | 'leader';

/**
 * What the grader observes after every handler (like 6.5840's GetState). A type rather than an
 * interface: the trace records it as a plain record of fields.
 */
export type RaftState = {
  term: number;
  role: Role;
};

export interface RaftNode<M extends RaftMessage = RaftMessage> extends Node<M> {
  /** This node's current term and role, right now. */
  state(): RaftState;
}
