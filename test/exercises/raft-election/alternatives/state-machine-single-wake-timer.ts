import type { Context, NodeId, RaftMessage, RaftNode, RequestVote, RequestVoteReply, AppendEntries, Role } from "distsys/raft-election";

/**
 * Raft leader election written as an explicit state machine, another way than the reference:
 *   - the persistent state (currentTerm and votedFor) is one object under one storage key, cached
 *     in a field and written through (`save`) before anything that depends on it leaves;
 *   - each role is a row of a table: what entering it does, what its wait ending does, what an
 *     AppendEntries of the current term does; `become(role)` is the only way to change role;
 *   - ONE timer, "wake", holds every role's wait: a follower's or candidate's election timeout,
 *     a leader's heartbeat interval. Entering a role replaces it, so a leader that steps down
 *     stops beating without cancelling anything;
 *   - a candidate retries each silent peer on that peer's own timer ("ask:n2"), until it answers;
 *   - election timeouts of 350–750 ms, heartbeats every 120 ms.
 */

/** Figure 2's persistent state, stored as one value. */
interface Persistent {
  term: number;
  votedFor: NodeId | null;
}

const STORAGE_KEY = "raft";
const WAKE = "wake";
const ASK_PREFIX = "ask:";

const HEARTBEAT_EVERY_MS = 120;
const ELECTION_TIMEOUT_MIN_MS = 350;
const ELECTION_TIMEOUT_MAX_MS = 750;
const ASK_AGAIN_MS = 150;

/** What a role does: on entry, when its wait ends, and when the current term's leader speaks. */
interface RoleRow {
  enter(): void;
  wake(): void;
  leaderSpoke(): void;
}

/** One candidacy: its term and the peers that granted, or answered at all. */
interface Ballot {
  term: number;
  granted: Set<NodeId>;
  answered: Set<NodeId>;
}

export default class RaftStateMachine implements RaftNode {
  private role: Role = "follower";
  private persistent: Persistent;
  private ballot: Ballot | undefined;

  private readonly table: Record<Role, RoleRow> = {
    follower: {
      enter: () => this.waitForLeader(),
      wake: () => this.become("candidate"),
      leaderSpoke: () => this.waitForLeader(),
    },
    candidate: {
      enter: () => this.campaign(),
      // Nobody won before the timeout (a split vote, or lost messages): a new term, a new campaign.
      wake: () => this.become("candidate"),
      leaderSpoke: () => this.become("follower"),
    },
    leader: {
      enter: () => {
        this.ballot = undefined;
        this.beat();
      },
      wake: () => this.beat(),
      // Two leaders of one term cannot exist; nothing to do.
      leaderSpoke: () => undefined,
    },
  };

  constructor(private readonly ctx: Context<RaftMessage>) {
    this.persistent = ctx.storage.get<Persistent>(STORAGE_KEY) ?? { term: 0, votedFor: null };
  }

  state(): { term: number; role: Role } {
    return { term: this.persistent.term, role: this.role };
  }

  onStart(): void {
    this.become("follower");
  }

  onRecover(): void {
    // The constructor has read the persistent state back; volatile state starts as a follower's.
    this.become("follower");
  }

  onMessage(from: NodeId, msg: RaftMessage): void {
    if (msg.term > this.persistent.term) this.adopt(msg.term);
    switch (msg.type) {
      case "RequestVote":
        return this.considerVote(from, msg);
      case "RequestVoteReply":
        return this.tally(from, msg);
      case "AppendEntries":
        return this.hearLeader(from, msg);
      case "AppendEntriesReply":
        return;
    }
  }

  onTimer(name: string): void {
    if (name === WAKE) return this.table[this.role].wake();
    if (name.startsWith(ASK_PREFIX)) this.askAgain(name.slice(ASK_PREFIX.length));
  }

  // ---- transitions ----

  private become(role: Role): void {
    this.role = role;
    this.table[role].enter();
  }

  /** A newer term: forget the vote, and whatever this node was, it now follows. */
  private adopt(term: number): void {
    this.save({ term, votedFor: null });
    if (this.role !== "follower") this.become("follower");
  }

  // ---- follower ----

  private waitForLeader(): void {
    const spread = ELECTION_TIMEOUT_MAX_MS - ELECTION_TIMEOUT_MIN_MS;
    this.ctx.setTimer(WAKE, ELECTION_TIMEOUT_MIN_MS + Math.floor(this.ctx.random() * spread));
  }

  private considerVote(from: NodeId, msg: RequestVote): void {
    const { term, votedFor } = this.persistent;
    // Asking again for a vote already given gets the same yes (requests may be duplicated).
    const grant = msg.term === term && (votedFor === null || votedFor === msg.candidateId);
    if (grant) {
      if (votedFor === null) this.save({ term, votedFor: msg.candidateId });
      this.waitForLeader();
    }
    const reply: RequestVoteReply = { type: "RequestVoteReply", term, voteGranted: grant };
    this.ctx.send(from, reply);
  }

  private hearLeader(from: NodeId, msg: AppendEntries): void {
    const current = msg.term === this.persistent.term;
    if (current) this.table[this.role].leaderSpoke();
    this.ctx.send(from, { type: "AppendEntriesReply", term: this.persistent.term, success: current });
  }

  // ---- candidate ----

  private campaign(): void {
    const term = this.persistent.term + 1;
    this.save({ term, votedFor: this.ctx.id });
    this.ballot = { term, granted: new Set(), answered: new Set() };
    this.waitForLeader();
    this.ctx.broadcast({ type: "RequestVote", term, candidateId: this.ctx.id });
    for (const peer of this.ctx.peers) this.ctx.setTimer(ASK_PREFIX + peer, ASK_AGAIN_MS);
  }

  private askAgain(peer: NodeId): void {
    const ballot = this.ballot;
    if (this.role !== "candidate" || ballot === undefined || ballot.answered.has(peer)) return;
    this.ctx.send(peer, { type: "RequestVote", term: ballot.term, candidateId: this.ctx.id });
    this.ctx.setTimer(ASK_PREFIX + peer, ASK_AGAIN_MS);
  }

  private tally(from: NodeId, msg: RequestVoteReply): void {
    const ballot = this.ballot;
    if (this.role !== "candidate" || ballot === undefined || msg.term !== ballot.term) return;
    ballot.answered.add(from);
    if (msg.voteGranted) ballot.granted.add(from);
    // Sets count each voter once, however often its reply arrives; the candidate's own vote is the + 1.
    if (ballot.granted.size + 1 >= this.quorum()) this.become("leader");
  }

  private quorum(): number {
    return Math.floor((this.ctx.peers.length + 1) / 2) + 1;
  }

  // ---- leader ----

  private beat(): void {
    this.ctx.broadcast({ type: "AppendEntries", term: this.persistent.term, leaderId: this.ctx.id });
    this.ctx.setTimer(WAKE, HEARTBEAT_EVERY_MS);
  }

  // ---- storage ----

  private save(next: Persistent): void {
    this.persistent = next;
    this.ctx.storage.set(STORAGE_KEY, next);
  }
}
