import type { FailureDetectorContext, FailureDetectorMessage, FailureDetectorNode, NodeId } from "distsys/failure-detector";

/** One clock tick of this node's own: it counts ticks, never reads a clock. */
const TICK_MS = 50;
/** A heartbeat goes out every other tick. */
const TICKS_PER_HEARTBEAT = 2;
/** A peer unheard for this many ticks (600 ms) is suspected. */
const SILENT_TICKS = 12;

/**
 * A single periodic tick drives everything: it counts, sends heartbeats, and compares each peer's
 * last heard tick with the current one. Suspicion is decided only on ticks; trust comes back on
 * the next heartbeat.
 */
export default class TickCounter implements FailureDetectorNode {
  private ticks = 0;
  private readonly lastHeard = new Map<NodeId, number>();

  constructor(private readonly ctx: FailureDetectorContext) {}

  onStart(): void {
    for (const peer of this.ctx.peers) this.lastHeard.set(peer, 0);
    this.ctx.broadcast({ type: "heartbeat" });
    this.ctx.setTimer("tick", TICK_MS);
  }

  onMessage(from: NodeId, msg: FailureDetectorMessage): void {
    if (msg.type !== "heartbeat") return;
    this.lastHeard.set(from, this.ticks);
    this.ctx.trust(from);
  }

  onTimer(): void {
    this.ticks++;
    if (this.ticks % TICKS_PER_HEARTBEAT === 0) this.ctx.broadcast({ type: "heartbeat" });
    for (const [peer, heard] of this.lastHeard) {
      if (this.ticks - heard > SILENT_TICKS) this.ctx.suspect(peer);
    }
    this.ctx.setTimer("tick", TICK_MS);
  }
}
