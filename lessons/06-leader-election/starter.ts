/**
 * Raft leader election (the Raft paper, §5.1–5.2 and Figure 2; MIT 6.5840 Lab 3A).
 *
 * Every node runs this class. Together they must elect one leader, keep it while nothing fails,
 * and elect a new one when it crashes, freezes or is cut off. There is no log in this exercise:
 * AppendEntries is only the leader's heartbeat.
 *
 * What each node keeps (Figure 2):
 *   currentTerm  the latest term it has seen (0 at first)         DURABLE: ctx.storage
 *   votedFor     whom it voted for in currentTerm (or nobody)     DURABLE: ctx.storage
 *   role         follower, candidate or leader                    volatile: a field
 * Fields are lost when the node crashes; after a restart a fresh instance runs onRecover() and
 * only ctx.storage survives. A node that forgets its term or its vote can vote twice in one term.
 *
 * The rules:
 *   - Any message with a term higher than currentTerm: adopt that term, forget votedFor, and
 *     become a follower (a leader or candidate steps down). Do this before anything else.
 *   - RequestVote(term, candidateId): grant the vote if term == currentTerm and votedFor is
 *     nobody or candidateId; store votedFor before replying. Reply RequestVoteReply(currentTerm,
 *     voteGranted). Granting a vote restarts the election timer.
 *   - RequestVoteReply: a candidate counts granted votes of its current term, one per voter
 *     (messages can be duplicated or arrive late); itself plus votes from a majority of all
 *     nodes (2 of 3, 3 of 5) makes it leader.
 *   - AppendEntries(term, leaderId): if term < currentTerm reply success = false. Otherwise a
 *     leader exists for this term: become (or stay) a follower, restart the election timer, and
 *     reply success = true.
 *   - Election timer fires (a follower or candidate heard no leader): become a candidate:
 *     currentTerm + 1, vote for yourself, restart the election timer, send RequestVote to every
 *     peer (ctx.broadcast). Resending it to peers that have not answered helps on a lossy network.
 *   - A leader sends AppendEntries to every peer at once when elected, then on a heartbeat timer.
 *
 * Timing (as in 6.5840):
 *   - At most 10 heartbeats a second (an interval of 100 ms or more).
 *   - Election timeouts well above the heartbeat interval and RANDOMIZED for every wait, e.g.
 *     300–600 ms (ctx.random()): equal timeouts make candidates collide forever (split votes).
 *   - A leader must be elected within 2 s of startup, and within 5 s of the last fault.
 *   - Measure time with ctx.setTimer, not by comparing ctx.now() readings: a node's clock may be
 *     skewed, drift and be stepped, but a timer always waits for its own duration.
 *
 * The grader calls state() after every handler: it must return this node's term and role.
 * To study a failure: `npx distsys run raft-election --scenario <name> --seed <n> --trace run.json`.
 */
import type { Context, NodeId, RaftMessage, RaftNode, Role } from "distsys/raft-election";

export default class Raft implements RaftNode {
  private role: Role = "follower";

  constructor(private readonly ctx: Context<RaftMessage>) {}

  state(): { term: number; role: Role } {
    return { term: this.currentTerm(), role: this.role };
  }

  onStart(): void {
    // TODO: start the election timer, e.g. this.ctx.setTimer("election", <randomized ms>).
  }

  onRecover(): void {
    // A restart: fields are fresh, ctx.storage holds what was stored. TODO: start the election timer.
  }

  onMessage(from: NodeId, msg: RaftMessage): void {
    // TODO: a higher term first (adopt it, forget the vote, become a follower).
    switch (msg.type) {
      case "RequestVote":
        // TODO: grant the vote when the rules above allow it (and store whom you voted for).
        this.ctx.send(from, { type: "RequestVoteReply", term: this.currentTerm(), voteGranted: false });
        break;
      case "RequestVoteReply":
        // TODO: count the granted votes of the current term; a majority makes this node leader.
        break;
      case "AppendEntries":
        // TODO: a leader of the current term exists: follow it, restart the election timer, reply.
        break;
      case "AppendEntriesReply":
        // Nothing more to do here once higher terms are handled above.
        break;
    }
  }

  onTimer(name: string): void {
    switch (name) {
      case "election":
        // TODO: become a candidate and ask every peer for its vote.
        break;
      case "heartbeat":
        // TODO: a leader sends AppendEntries to every peer, then sets this timer again.
        break;
    }
  }

  private currentTerm(): number {
    return this.ctx.storage.get<number>("currentTerm") ?? 0;
  }
}
