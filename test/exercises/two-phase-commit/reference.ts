import type { NodeId, TransactionOutcome, TwoPhaseCommitContext, TwoPhaseCommitMessage, TwoPhaseCommitNode } from 'distsys';

/**
 * Two-phase commit with a durable log on both sides.
 * Coordinator: logs a transaction before its first Prepare, logs its decision before any Commit or
 * Abort, resends Prepares and decisions until answered, and on recovery aborts what it had not
 * decided and resends what it had; it gives up waiting for votes on a timer (a clock step changes
 * nothing). Participant: prepares its work (ctx.prepare) and logs "prepared" before a yes vote, and
 * its outcome before acknowledging it; it never decides alone after voting yes.
 */

const RESEND_MS = 100;
const VOTE_TIMEOUT_MS = 300;

type CoordinatorEntry = 'started' | TransactionOutcome;
type ParticipantEntry = 'prepared' | TransactionOutcome;

export default class TwoPhaseCommit implements TwoPhaseCommitNode {
  /** Coordinator memory, rebuilt from the log on recovery. */
  private readonly yes = new Map<string, Set<NodeId>>();
  private readonly acked = new Map<string, Set<NodeId>>();

  constructor(private readonly ctx: TwoPhaseCommitContext) {}

  private get isCoordinator(): boolean {
    return this.ctx.id === this.ctx.coordinator;
  }

  onStart(): void {
    if (this.isCoordinator) this.ctx.setTimer('resend', RESEND_MS);
  }

  onRecover(): void {
    if (!this.isCoordinator) return; // a participant waits, prepared, for the coordinator to resend
    for (const [tx, entry] of Object.entries(this.log())) {
      if (entry === 'started') this.decide(tx, 'abort');
      else this.broadcastDecision(tx, entry);
    }
    this.ctx.setTimer('resend', RESEND_MS);
  }

  onMessage(from: NodeId, msg: TwoPhaseCommitMessage): void {
    switch (msg.type) {
      case 'Begin':
        return this.begin(msg.tx);
      case 'Vote':
        return this.vote(from, msg.tx, msg.yes);
      case 'Ack':
        this.acked.get(msg.tx)?.add(from);
        return;
      case 'Prepare':
        return this.prepare(from, msg.tx);
      case 'Commit':
        return this.learn(from, msg.tx, 'commit');
      case 'Abort':
        return this.learn(from, msg.tx, 'abort');
      case 'Outcome':
        return;
    }
  }

  onTimer(name: string): void {
    if (name.startsWith('votes:')) {
      const tx = name.slice('votes:'.length);
      if (this.log()[tx] === 'started') this.decide(tx, 'abort');
      return;
    }
    for (const [tx, entry] of Object.entries(this.log())) {
      if (entry === 'started') {
        for (const p of this.ctx.participants) if (!this.yes.get(tx)?.has(p)) this.ctx.send(p, { type: 'Prepare', tx });
      } else {
        for (const p of this.ctx.participants) if (!this.acked.get(tx)?.has(p)) this.sendDecision(p, tx, entry);
      }
    }
    this.ctx.setTimer('resend', RESEND_MS);
  }

  // ---- coordinator ----

  private log(): Record<string, CoordinatorEntry> {
    return this.ctx.storage.get<Record<string, CoordinatorEntry>>('coordinator') ?? {};
  }

  private write(tx: string, entry: CoordinatorEntry): void {
    this.ctx.storage.set('coordinator', { ...this.log(), [tx]: entry });
  }

  private begin(tx: string): void {
    const entry = this.log()[tx];
    if (entry === 'commit' || entry === 'abort') return this.ctx.send('client', { type: 'Outcome', tx, outcome: entry });
    if (entry === 'started') return; // a client retry: the transaction is already running
    this.write(tx, 'started');
    this.ctx.setTimer(`votes:${tx}`, VOTE_TIMEOUT_MS);
    this.yes.set(tx, new Set());
    for (const p of this.ctx.participants) this.ctx.send(p, { type: 'Prepare', tx });
  }

  private vote(from: NodeId, tx: string, yes: boolean): void {
    const entry = this.log()[tx];
    if (entry === 'commit' || entry === 'abort') return this.sendDecision(from, tx, entry);
    if (entry !== 'started') return;
    if (!yes) return this.decide(tx, 'abort');
    const voters = this.yes.get(tx) ?? new Set<NodeId>();
    voters.add(from);
    this.yes.set(tx, voters);
    if (this.ctx.participants.every((p) => voters.has(p))) this.decide(tx, 'commit');
  }

  /** The commit point: the decision is durable before anyone hears of it. */
  private decide(tx: string, decision: TransactionOutcome): void {
    this.write(tx, decision);
    if (decision === 'commit') this.ctx.commit(tx);
    else this.ctx.abort(tx);
    this.broadcastDecision(tx, decision);
    this.ctx.send('client', { type: 'Outcome', tx, outcome: decision });
  }

  private broadcastDecision(tx: string, decision: TransactionOutcome): void {
    this.acked.set(tx, new Set());
    for (const p of this.ctx.participants) this.sendDecision(p, tx, decision);
  }

  private sendDecision(to: NodeId, tx: string, decision: TransactionOutcome): void {
    this.ctx.send(to, decision === 'commit' ? { type: 'Commit', tx } : { type: 'Abort', tx });
  }

  // ---- participant ----

  private entry(tx: string): ParticipantEntry | undefined {
    return this.ctx.storage.get<ParticipantEntry>(`tx:${tx}`);
  }

  private prepare(from: NodeId, tx: string): void {
    let entry = this.entry(tx);
    if (entry === undefined) {
      entry = this.ctx.canCommit(tx) ? 'prepared' : 'abort';
      // Durable before the vote leaves, the work and the record of it: a yes vote is a promise that must survive a crash.
      if (entry === 'prepared') this.ctx.prepare(tx);
      this.ctx.storage.set(`tx:${tx}`, entry);
      if (entry === 'abort') this.ctx.abort(tx);
    }
    this.ctx.send(from, { type: 'Vote', tx, yes: entry !== 'abort' });
  }

  private learn(from: NodeId, tx: string, decision: TransactionOutcome): void {
    const entry = this.entry(tx);
    if (entry === undefined || entry === 'prepared') {
      this.ctx.storage.set(`tx:${tx}`, decision);
      if (decision === 'commit') this.ctx.commit(tx);
      else this.ctx.abort(tx);
    }
    this.ctx.send(from, { type: 'Ack', tx });
  }
}
