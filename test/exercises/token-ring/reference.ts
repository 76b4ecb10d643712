import type { NodeId, TokenRingContext, TokenRingMessage, TokenRingNode } from "distsys/token-ring";

/** The ring's monitor: it makes the first token, and a new one when the token is lost. */
const MONITOR = "n1";
/** How long a holder with nothing to do keeps the token before passing it on. */
const IDLE_MS = 5;
/** How long the monitor waits for the token before taking it for lost: longer than a rotation. */
const LOSS_MS = 150;

/**
 * A token ring with a monitor. The holder serves its oldest want, or waits a moment, then passes
 * the token on. The monitor makes a token of the next generation when none has reached it for
 * LOSS_MS; every node drops a token older than the newest generation it has seen, and keeps that
 * generation on disk, so a late old token dies on arrival, even after a restart.
 */
export default class TokenRing implements TokenRingNode {
  private readonly wants: number[] = [];
  /** The newest generation this node has seen. */
  private generation = 0;
  private holding = false;

  constructor(private readonly ctx: TokenRingContext) {}

  onStart(): void {
    if (this.ctx.id === MONITOR) this.makeToken();
  }

  onRecover(): void {
    this.generation = this.ctx.storage.get<number>("generation") ?? 0;
    if (this.ctx.id === MONITOR) this.ctx.setTimer("lost", LOSS_MS);
  }

  onMessage(_from: NodeId, msg: TokenRingMessage): void {
    if (msg.type === "want") {
      this.wants.push(msg.holdMs);
      return;
    }
    if (msg.generation < this.generation) {
      this.ctx.log(`dropped a token of generation ${msg.generation}: generation ${this.generation} is newer`);
      return;
    }
    this.see(msg.generation);
    // A newer token while holding an older one: the older is dropped, and this one goes on in its place.
    if (this.holding) return;
    this.holding = true;
    this.useToken();
  }

  onTimer(name: string): void {
    if (name === "lost") {
      // Its own hold outlasted the wait: the token is not lost, it is here.
      if (this.holding) this.ctx.setTimer("lost", LOSS_MS);
      else this.makeToken();
    } else if (name === "leave") {
      this.ctx.exit();
      this.wants.shift();
      this.pass();
    } else this.pass();
  }

  private see(generation: number): void {
    this.generation = generation;
    this.ctx.storage.set("generation", generation);
  }

  private useToken(): void {
    const hold = this.wants[0];
    if (hold === undefined) {
      this.ctx.setTimer("pass", IDLE_MS);
      return;
    }
    this.ctx.enter();
    this.ctx.setTimer("leave", hold);
  }

  /** The monitor makes a new token and sends it on at once: it enters only with a token it received. */
  private makeToken(): void {
    this.see(this.generation + 1);
    this.pass();
  }

  private pass(): void {
    this.holding = false;
    const ring = this.ctx.processes("node");
    const next = ring[(ring.indexOf(this.ctx.id) + 1) % ring.length] as NodeId;
    this.ctx.send(next, { type: "Token", generation: this.generation });
    if (this.ctx.id === MONITOR) this.ctx.setTimer("lost", LOSS_MS);
  }
}
