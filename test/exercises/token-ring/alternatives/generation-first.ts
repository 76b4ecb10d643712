import type { NodeId, TokenRingContext, TokenRingMessage, TokenRingNode } from "distsys/token-ring";

type Phase = "idle" | "holding" | "inside";

/**
 * The ring written around what the node holds: a phase, the newest generation (read from and
 * written to storage every time, never cached), and one timer per phase. The monitor counts the
 * time since the token last left it, and treats its own hold as proof the token is alive.
 */
export default class GenerationFirstRing implements TokenRingNode {
  private phase: Phase = "idle";
  private readonly queue: number[] = [];

  constructor(private readonly ctx: TokenRingContext) {}

  private get monitor(): boolean {
    return this.ctx.id === this.ctx.processes("node")[0];
  }

  private get newest(): number {
    return this.ctx.storage.get<number>("newest") ?? 0;
  }

  onStart(): void {
    if (this.monitor) this.send(1);
  }

  onRecover(): void {
    if (this.monitor) this.ctx.setTimer("watch", 180);
  }

  onMessage(_from: NodeId, msg: TokenRingMessage): void {
    if (msg.type === "want") {
      this.queue.push(msg.holdMs);
      return;
    }
    if (msg.generation < this.newest) return;
    this.ctx.storage.set("newest", msg.generation);
    if (this.phase !== "idle") return;
    const hold = this.queue[0];
    if (hold === undefined) {
      this.phase = "holding";
      this.ctx.setTimer("idle", 5);
    } else {
      this.phase = "inside";
      this.ctx.enter();
      this.ctx.setTimer("done", hold);
    }
  }

  onTimer(name: string): void {
    if (name === "watch") {
      if (this.phase === "idle") this.send(this.newest + 1);
      else this.ctx.setTimer("watch", 180);
      return;
    }
    if (name === "done") {
      this.ctx.exit();
      this.queue.shift();
    }
    this.send(this.newest);
  }

  private send(generation: number): void {
    this.ctx.storage.set("newest", generation);
    this.phase = "idle";
    const ring = this.ctx.processes("node");
    this.ctx.send(ring[(ring.indexOf(this.ctx.id) + 1) % ring.length] as NodeId, { type: "Token", generation });
    if (this.monitor) this.ctx.setTimer("watch", 180);
  }
}
