import type { Context, NodeId, RaftMessage, RaftNode, Role } from "distsys";

/**
 * Mistake: a candidate counts granted replies with a counter and never looks at their term,
 * so a duplicated reply counts twice and a late reply from an earlier term counts too.
 */

const HEARTBEAT_MS = 100;
const ELECTION_MIN_MS = 300;
const ELECTION_SPREAD_MS = 300;
/** A candidate asks a silent peer again after this long (RPCs are retried, §5.1). */
const VOTE_RETRY_MS = 100;

export default class Raft implements RaftNode {
  private role: Role = "follower";
  /** Peers that granted their vote in the current candidacy. */
  private votes = 0;
  /** Peers that answered the current candidacy, either way. */
  private answered = new Set<NodeId>();

  constructor(private readonly ctx: Context<RaftMessage>) {}

  state(): { term: number; role: Role } {
    return { term: this.term, role: this.role };
  }

  onStart(): void {
    this.resetElectionTimer();
  }

  onRecover(): void {
    this.resetElectionTimer();
  }

  onMessage(from: NodeId, msg: RaftMessage): void {
    if (msg.term > this.term) this.stepDown(msg.term);
    switch (msg.type) {
      case "RequestVote": {
        const granted = msg.term === this.term && (this.votedFor === null || this.votedFor === msg.candidateId);
        if (granted) {
          this.ctx.storage.set("votedFor", msg.candidateId);
          this.resetElectionTimer();
        }
        this.ctx.send(from, { type: "RequestVoteReply", term: this.term, voteGranted: granted });
        return;
      }
      case "RequestVoteReply":
        if (this.role !== "candidate") return;
        this.answered.add(from);
        if (msg.voteGranted) this.votes++;
        if (this.votes + 1 > (this.ctx.peers.length + 1) / 2) this.becomeLeader();
        return;
      case "AppendEntries": {
        const current = msg.term === this.term;
        if (current) {
          if (this.role === "candidate") this.role = "follower";
          this.resetElectionTimer();
        }
        this.ctx.send(from, { type: "AppendEntriesReply", term: this.term, success: current });
        return;
      }
      case "AppendEntriesReply":
        return;
    }
  }

  onTimer(name: string): void {
    if (name === "election") this.startElection();
    else if (name === "heartbeat") this.sendHeartbeats();
    else if (name === "retry") this.retryVotes();
  }

  private get term(): number {
    return this.ctx.storage.get<number>("currentTerm") ?? 0;
  }

  private get votedFor(): NodeId | null {
    return this.ctx.storage.get<NodeId>("votedFor") ?? null;
  }

  private stepDown(term: number): void {
    this.ctx.storage.set("currentTerm", term);
    this.ctx.storage.delete("votedFor");
    if (this.role === "leader") {
      this.ctx.cancelTimer("heartbeat");
      this.resetElectionTimer();
    }
    if (this.role === "candidate") this.ctx.cancelTimer("retry");
    this.role = "follower";
  }

  private startElection(): void {
    this.ctx.storage.set("currentTerm", this.term + 1);
    this.ctx.storage.set("votedFor", this.ctx.id);
    this.role = "candidate";
    this.votes = 0;
    this.answered = new Set();
    this.resetElectionTimer();
    this.ctx.broadcast({ type: "RequestVote", term: this.term, candidateId: this.ctx.id });
    this.ctx.setTimer("retry", VOTE_RETRY_MS);
  }

  private retryVotes(): void {
    if (this.role !== "candidate") return;
    for (const peer of this.ctx.peers) {
      if (!this.answered.has(peer)) this.ctx.send(peer, { type: "RequestVote", term: this.term, candidateId: this.ctx.id });
    }
    this.ctx.setTimer("retry", VOTE_RETRY_MS);
  }

  private becomeLeader(): void {
    this.role = "leader";
    this.ctx.cancelTimer("election");
    this.ctx.cancelTimer("retry");
    this.sendHeartbeats();
  }

  private sendHeartbeats(): void {
    if (this.role !== "leader") return;
    this.ctx.broadcast({ type: "AppendEntries", term: this.term, leaderId: this.ctx.id });
    this.ctx.setTimer("heartbeat", HEARTBEAT_MS);
  }

  private resetElectionTimer(): void {
    this.ctx.setTimer("election", ELECTION_MIN_MS + this.ctx.random() * ELECTION_SPREAD_MS);
  }
}
