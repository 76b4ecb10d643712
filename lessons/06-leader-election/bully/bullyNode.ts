import type { Context, Instrumentation, Node, NodeId } from '../../../src/kernel';

/**
 * The Bully algorithm (Garcia-Molina, 1982), as the lesson shows it and break-bully attacks it:
 * the live node with the highest id leads. Correct as Bully goes; what it cannot do is tell a dead
 * leader from one it cannot hear.
 */
export type BullyMessage =
  /** To every higher node: "I am starting an election; are you alive?" */
  | { readonly type: 'Election' }
  /** A higher node's answer to Election: "I am, and I take over the election." */
  | { readonly type: 'Alive' }
  /** "I lead": sent by a node that heard no higher node answer. */
  | { readonly type: 'Victory' }
  /** The leader, every HEARTBEAT_MS: "I still lead". */
  | { readonly type: 'Heartbeat' };

export type BullyRole = 'follower' | 'electing' | 'leader';

/** What the trace records of a node after every handler. */
export type BullyState = {
  readonly role: BullyRole;
  /** The node it takes to lead (itself when leading), or null before the first victory. */
  readonly leader: NodeId | null;
};

/** How long a node waits for an Alive from a higher node: a round trip, with room to spare. */
export const ANSWER_MS = 50;
/** After an Alive, how long it waits for the higher node's Victory before starting over. */
export const VICTORY_WAIT_MS = 200;
export const HEARTBEAT_MS = 100;
/** Silence from the leader for this long (plus up to half again, drawn per node) means "it is dead". */
export const LEADER_TIMEOUT_MS = 400;

/** "n12" ranks 12: ids are compared as numbers, so n10 outranks n9. */
export function rank(id: NodeId): number {
  return Number(id.replace(/^\D+/, ''));
}

export class BullyNode implements Node<BullyMessage> {
  private role: BullyRole = 'follower';
  private leader: NodeId | null = null;

  constructor(private readonly ctx: Context<BullyMessage>) {}

  state(): BullyState {
    return { role: this.role, leader: this.leader };
  }

  onStart(): void {
    // Nobody leads yet: the node whose timer fires first starts the first election.
    this.awaitLeader();
  }

  onMessage(from: NodeId, msg: BullyMessage): void {
    switch (msg.type) {
      case 'Election':
        // A lower node asks: answer, and take the election over (a higher node may still outrank us).
        this.ctx.send(from, { type: 'Alive' });
        if (this.role !== 'electing') this.startElection();
        return;
      case 'Alive':
        if (this.role !== 'electing') return;
        this.ctx.cancelTimer('answer');
        this.ctx.setTimer('victory', VICTORY_WAIT_MS);
        return;
      case 'Victory':
      case 'Heartbeat':
        if (rank(from) > rank(this.ctx.id)) this.follow(from);
        // A lower node claims to lead: bully it.
        else if (this.role !== 'electing') this.startElection();
        return;
    }
  }

  onTimer(name: string): void {
    if (name === 'heartbeat' && this.role === 'leader') {
      this.ctx.broadcast({ type: 'Heartbeat' });
      this.ctx.setTimer('heartbeat', HEARTBEAT_MS);
    } else if (name === 'answer') this.win();
    else if (name === 'victory' || name === 'leader-timeout') this.startElection();
  }

  private startElection(): void {
    const higher = this.ctx.peers.filter((p) => rank(p) > rank(this.ctx.id));
    if (higher.length === 0) return this.win();
    this.role = 'electing';
    this.ctx.cancelTimer('leader-timeout');
    this.ctx.cancelTimer('victory');
    for (const p of higher) this.ctx.send(p, { type: 'Election' });
    this.ctx.setTimer('answer', ANSWER_MS);
  }

  private win(): void {
    this.role = 'leader';
    this.leader = this.ctx.id;
    for (const timer of ['answer', 'victory', 'leader-timeout']) this.ctx.cancelTimer(timer);
    this.ctx.broadcast({ type: 'Victory' });
    this.ctx.setTimer('heartbeat', HEARTBEAT_MS);
  }

  private follow(leader: NodeId): void {
    this.role = 'follower';
    this.leader = leader;
    for (const timer of ['answer', 'victory', 'heartbeat']) this.ctx.cancelTimer(timer);
    this.awaitLeader();
  }

  private awaitLeader(): void {
    this.ctx.setTimer('leader-timeout', LEADER_TIMEOUT_MS * (1 + this.ctx.random() / 2));
  }
}

export const bullyInstrument: Instrumentation<BullyState> = {
  observe: (node) => (node as BullyNode).state(),
};
