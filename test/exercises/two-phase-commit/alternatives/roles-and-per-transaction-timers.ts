import type { NodeId, Storage, TransactionOutcome, TwoPhaseCommitContext, TwoPhaseCommitMessage, TwoPhaseCommitNode } from "distsys/two-phase-commit";

/**
 * Two-phase commit written another way than the reference: one object per role, one retry timer
 * and one give-up timer per transaction, a log with one key per entry, and a coordinator that
 * after a restart asks again for the votes of what it had not decided (the participants' logs give
 * the same answers) instead of aborting it.
 */

const RETRY_MS = 80;
/** How long the coordinator waits for every vote before it aborts: a participant may be gone for good. */
const GIVE_UP_MS = 500;

/** The coordinator's durable log: the transactions it began, and each one's decision once taken. */
class CoordinatorLog {
  constructor(private readonly storage: Storage) {}

  begun(): string[] {
    return this.storage.get<string[]>("begun") ?? [];
  }

  begin(tx: string): void {
    this.storage.set("begun", [...this.begun(), tx]);
  }

  decision(tx: string): TransactionOutcome | undefined {
    return this.storage.get<TransactionOutcome>(`decision:${tx}`);
  }

  decide(tx: string, outcome: TransactionOutcome): void {
    this.storage.set(`decision:${tx}`, outcome);
  }
}

class Coordinator {
  private readonly log: CoordinatorLog;
  /** Who voted yes, per undecided transaction; lost in a crash, and asked for again. */
  private readonly yesVotes = new Map<string, Set<NodeId>>();
  /** Who acknowledged the decision, per decided transaction. */
  private readonly acks = new Map<string, Set<NodeId>>();

  constructor(private readonly ctx: TwoPhaseCommitContext) {
    this.log = new CoordinatorLog(ctx.storage);
  }

  recover(): void {
    for (const tx of this.log.begun()) {
      if (this.log.decision(tx) === undefined) this.ctx.setTimer(`give-up:${tx}`, GIVE_UP_MS);
      this.retry(tx);
    }
  }

  giveUp(tx: string): void {
    if (this.log.begun().includes(tx) && this.log.decision(tx) === undefined) this.decide(tx, "abort");
  }

  begin(tx: string): void {
    const decided = this.log.decision(tx);
    if (decided !== undefined) return this.ctx.send("client", { type: "Outcome", tx, outcome: decided });
    if (this.log.begun().includes(tx)) return;
    this.log.begin(tx);
    this.ctx.setTimer(`give-up:${tx}`, GIVE_UP_MS);
    this.retry(tx);
  }

  vote(from: NodeId, tx: string, yes: boolean): void {
    const decided = this.log.decision(tx);
    if (decided !== undefined) return this.send(from, tx, decided);
    if (!this.log.begun().includes(tx)) return;
    if (!yes) return this.decide(tx, "abort");
    const votes = this.answered(this.yesVotes, tx);
    votes.add(from);
    if (this.ctx.participants.every((p) => votes.has(p))) this.decide(tx, "commit");
  }

  ack(from: NodeId, tx: string): void {
    this.answered(this.acks, tx).add(from);
  }

  /** Sends what a participant has not answered yet, and comes back until every one has. */
  retry(tx: string): void {
    const decided = this.log.decision(tx);
    const answered = this.answered(decided === undefined ? this.yesVotes : this.acks, tx);
    const waiting = this.ctx.participants.filter((p) => !answered.has(p));
    if (waiting.length === 0) return;
    for (const p of waiting) this.send(p, tx, decided);
    this.ctx.setTimer(`retry:${tx}`, RETRY_MS);
  }

  private decide(tx: string, outcome: TransactionOutcome): void {
    this.log.decide(tx, outcome); // durable before anyone hears of it
    if (outcome === "commit") this.ctx.commit(tx);
    else this.ctx.abort(tx);
    this.ctx.send("client", { type: "Outcome", tx, outcome });
    this.retry(tx);
  }

  /** A Prepare while undecided, else the decision. */
  private send(to: NodeId, tx: string, decided: TransactionOutcome | undefined): void {
    const type = decided === undefined ? "Prepare" : decided === "commit" ? "Commit" : "Abort";
    this.ctx.send(to, { type, tx });
  }

  private answered(by: Map<string, Set<NodeId>>, tx: string): Set<NodeId> {
    let nodes = by.get(tx);
    if (nodes === undefined) by.set(tx, (nodes = new Set()));
    return nodes;
  }
}

type ParticipantState = "prepared" | TransactionOutcome;

class Participant {
  constructor(private readonly ctx: TwoPhaseCommitContext) {}

  prepare(from: NodeId, tx: string): void {
    let state = this.state(tx);
    if (state === undefined) {
      if (this.ctx.canCommit(tx)) {
        this.ctx.prepare(tx); // the work itself, durable before the promise leaves
        state = "prepared";
      } else {
        state = "abort";
        this.ctx.abort(tx);
      }
      this.ctx.storage.set(`state:${tx}`, state); // a yes vote is a promise: logged before it leaves
    }
    this.ctx.send(from, { type: "Vote", tx, yes: state !== "abort" });
  }

  learn(from: NodeId, tx: string, outcome: TransactionOutcome): void {
    const state = this.state(tx);
    if (state === undefined || state === "prepared") {
      this.ctx.storage.set(`state:${tx}`, outcome);
      if (outcome === "commit") this.ctx.commit(tx);
      else this.ctx.abort(tx);
    }
    this.ctx.send(from, { type: "Ack", tx });
  }

  private state(tx: string): ParticipantState | undefined {
    return this.ctx.storage.get<ParticipantState>(`state:${tx}`);
  }
}

export default class TwoPhaseCommitByRole implements TwoPhaseCommitNode {
  private readonly coordinator: Coordinator | undefined;
  private readonly participant: Participant | undefined;

  constructor(ctx: TwoPhaseCommitContext) {
    const leads = ctx.id === ctx.coordinator;
    this.coordinator = leads ? new Coordinator(ctx) : undefined;
    this.participant = leads ? undefined : new Participant(ctx);
  }

  onStart(): void {}

  onRecover(): void {
    this.coordinator?.recover();
  }

  onMessage(from: NodeId, msg: TwoPhaseCommitMessage): void {
    switch (msg.type) {
      case "Begin":
        return this.coordinator?.begin(msg.tx);
      case "Vote":
        return this.coordinator?.vote(from, msg.tx, msg.yes);
      case "Ack":
        return this.coordinator?.ack(from, msg.tx);
      case "Prepare":
        return this.participant?.prepare(from, msg.tx);
      case "Commit":
      case "Abort":
        return this.participant?.learn(from, msg.tx, msg.type === "Commit" ? "commit" : "abort");
      case "Outcome":
        return;
    }
  }

  onTimer(name: string): void {
    if (name.startsWith("retry:")) this.coordinator?.retry(name.slice("retry:".length));
    else if (name.startsWith("give-up:")) this.coordinator?.giveUp(name.slice("give-up:".length));
  }
}
