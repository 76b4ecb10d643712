import type { NodeId, TwoPhaseCommitContext, TwoPhaseCommitMessage, TwoPhaseCommitNode } from "distsys/two-phase-commit";

/**
 * Two-phase commit: one transaction, several databases, all or nothing.
 *
 * Roles
 *   - n1 is the coordinator (`ctx.coordinator`). The client sends it `{ type: "Begin", tx }`,
 *     possibly more than once. It asks every participant `Prepare { tx }`, collects
 *     `Vote { tx, yes }`, decides, sends `Commit { tx }` or `Abort { tx }` to every participant,
 *     and stops resending to a participant once it answers `Ack { tx }`. It may tell the client
 *     `Outcome { tx, outcome }` (send to "client").
 *   - n2…nK are the participants (`ctx.participants`). Each answers a Prepare with its own
 *     `ctx.canCommit(tx)` (which does the transaction's work and says whether it can commit),
 *     makes that work durable with `ctx.prepare(tx)` before a yes vote leaves, then applies the
 *     decision it receives.
 *
 * Outcomes
 *   Call `ctx.commit(tx)` or `ctx.abort(tx)` when this node decides or learns the outcome: the
 *   coordinator when it decides (before it sends the decision), a participant when it applies
 *   it, or when it votes no (a participant that refuses may abort at once). Repeating an outcome
 *   is harmless; the opposite one later is a violation.
 *
 * The rules the grader checks (lessons/20-two-phase-commit/rules.md lists them all)
 *   - validity: commit only if every participant's canCommit(tx) is true.
 *   - prepared-work: a participant calls ctx.prepare(tx) before its yes vote leaves. The work
 *     canCommit did lives in memory and a crash loses it; only prepared work survives.
 *   - atomicity: never one node commits tx while another aborts it.
 *   - decision-stable: a node never changes its outcome, across restarts too.
 *   - no-unilateral-decision: after voting yes, a participant waits for the decision. If the
 *     coordinator never comes back, it waits forever: that is 2PC's blocking problem.
 *   - termination: once the coordinator is up and the network has been quiet for 1000 ms, every
 *     node that is up has decided every transaction the coordinator received, aborts included
 *     (even a participant that never saw the Prepare must hear the Abort).
 *   - non-triviality: when every participant can commit and nothing fails while a transaction
 *     runs, it commits. Wait for votes with a timer (300 ms is plenty), never by comparing
 *     ctx.now() readings: clocks are stepped and drift.
 *   - answers-every-request: every Prepare gets a Vote, every Commit or Abort an Ack.
 *   - quiescence: stop resending to a participant once it has acknowledged.
 *
 * Durability
 *   A crash discards this object; only `ctx.storage` survives, and onRecover runs instead of
 *   onStart. Log before you send:
 *   - the coordinator logs a transaction before its first Prepare, and its decision before the
 *     first Commit or Abort leaves (after a restart, a logged decision is resent; a transaction
 *     with no logged decision was committed nowhere: abort it, or ask for its votes again);
 *   - a participant prepares its work (ctx.prepare) and logs "prepared" before its yes vote
 *     leaves, and logs its outcome when it learns it.
 *
 * The network loses, duplicates and reorders messages: resend whatever is unanswered (Prepare,
 * Commit/Abort) at least every 200 ms until it is answered, and treat every message as possibly
 * repeated: answer every Prepare with a Vote and every Commit or Abort with an Ack, repeated ones
 * too. A participant may be down for good: the coordinator stops waiting for votes after a while
 * (a timer of 300–1000 ms) and aborts.
 */
export default class TwoPhaseCommit implements TwoPhaseCommitNode {
  constructor(private readonly ctx: TwoPhaseCommitContext) {}

  onStart(): void {
    // The coordinator will want a timer here, to resend what is unanswered: ctx.setTimer("resend", 100).
  }

  onRecover(): void {
    // Rebuild from this.ctx.storage: the coordinator finishes what it had started.
  }

  onMessage(from: NodeId, msg: TwoPhaseCommitMessage): void {
    // Begin and Vote and Ack reach the coordinator; Prepare, Commit and Abort reach participants.
    this.ctx.log(`${msg.type} for ${msg.tx} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
