import type { FailureDetectorContext, FailureDetectorMessage, FailureDetectorNode, NodeId } from "distsys/failure-detector";

/** How often this node tells every peer it is alive. */
const HEARTBEAT_MS = 100;
/**
 * How long a peer may stay silent before it is suspected: five heartbeats, so a pause or a delay
 * of up to 200 ms, or a few lost heartbeats, leave room to spare, and a crash is seen in 0.6 s.
 */
const TIMEOUT_MS = 500;

/**
 * Heartbeats and one timeout timer per peer. Every heartbeat from a peer trusts it and restarts
 * its timer; a timer that fires means the peer was silent for TIMEOUT_MS of this node's elapsed
 * time, whatever its clock reads.
 */
export default class FailureDetector implements FailureDetectorNode {
  constructor(private readonly ctx: FailureDetectorContext) {}

  onStart(): void {
    this.beat();
    for (const peer of this.ctx.peers) this.ctx.setTimer(`silent:${peer}`, TIMEOUT_MS);
  }

  onRecover(): void {
    this.onStart();
  }

  onMessage(from: NodeId, msg: FailureDetectorMessage): void {
    if (msg.type !== "heartbeat") return;
    this.ctx.trust(from);
    this.ctx.setTimer(`silent:${from}`, TIMEOUT_MS);
  }

  onTimer(name: string): void {
    if (name === "beat") return this.beat();
    this.ctx.suspect(name.slice("silent:".length));
  }

  private beat(): void {
    this.ctx.broadcast({ type: "heartbeat" });
    this.ctx.setTimer("beat", HEARTBEAT_MS);
  }
}
