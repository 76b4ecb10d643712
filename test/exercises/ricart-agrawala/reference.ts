import type { NodeId, RicartAgrawalaContext, RicartAgrawalaMessage, RicartAgrawalaNode } from "distsys/ricart-agrawala";

/** A Request unanswered this long may be lost (or its node was down): send it again to whoever has not replied. */
const RESEND_MS = 200;

/**
 * Ricart–Agrawala: ask every other node, enter once all have replied. A node defers its reply while
 * it is inside, or while its own request is older by (Lamport timestamp, node id); it replies to
 * every deferred request when it leaves. The Lamport clock is stored on every change: a restarted
 * node that asked with an old timestamp could jump ahead of a request it already let through.
 */
export default class RicartAgrawala implements RicartAgrawalaNode {
  private clock = 0;
  /** The hold times of the wants not yet served, oldest first. */
  private readonly wants: number[] = [];
  /** The timestamp of this node's pending request until it leaves the section; 0 for none (timestamps start at 1). */
  private requestTs = 0;
  private inside = false;
  private readonly replied = new Set<NodeId>();
  /** Requests this node owes a reply, by requester: the timestamp to answer. */
  private readonly deferred = new Map<NodeId, number>();

  constructor(private readonly ctx: RicartAgrawalaContext) {}

  onStart(): void {}

  onRecover(): void {
    this.clock = this.ctx.storage.get<number>("clock") ?? 0;
  }

  onMessage(from: NodeId, msg: RicartAgrawalaMessage): void {
    switch (msg.type) {
      case "want":
        this.wants.push(msg.holdMs);
        this.requestIfIdle();
        return;
      case "Request":
        this.tick(msg.ts);
        if (this.defers(from, msg.ts)) this.deferred.set(from, msg.ts);
        else this.ctx.send(from, { type: "Reply", ts: msg.ts });
        return;
      case "Reply":
        // A reply to an earlier request, or a repeated one, says nothing about this request.
        if (this.inside || msg.ts !== this.requestTs) return;
        this.replied.add(from);
        if (this.replied.size === this.ctx.peers.length) this.enter();
        return;
    }
  }

  onTimer(name: string): void {
    if (name === "leave") this.leave();
    else if (name === "resend") this.resend();
  }

  /** Lamport's rule: past every timestamp seen, and one more; on disk before anything leaves. */
  private tick(seen = 0): void {
    this.clock = Math.max(this.clock, seen) + 1;
    this.ctx.storage.set("clock", this.clock);
  }

  private defers(from: NodeId, ts: number): boolean {
    if (this.inside) return true;
    if (this.requestTs === 0) return false;
    return this.requestTs < ts || (this.requestTs === ts && this.ctx.id < from);
  }

  private requestIfIdle(): void {
    if (this.requestTs !== 0 || this.wants.length === 0) return;
    this.tick();
    this.requestTs = this.clock;
    this.replied.clear();
    this.ctx.broadcast({ type: "Request", ts: this.requestTs });
    this.ctx.setTimer("resend", RESEND_MS);
  }

  private enter(): void {
    this.inside = true;
    this.ctx.cancelTimer("resend");
    this.ctx.enter();
    this.ctx.setTimer("leave", this.wants[0] ?? 0);
  }

  private leave(): void {
    this.ctx.exit();
    this.inside = false;
    this.requestTs = 0;
    this.wants.shift();
    for (const [node, ts] of this.deferred) this.ctx.send(node, { type: "Reply", ts });
    this.deferred.clear();
    this.requestIfIdle();
  }

  /** Runs only while waiting: the timer is set with each request and cancelled on entering. */
  private resend(): void {
    for (const peer of this.ctx.peers)
      if (!this.replied.has(peer)) this.ctx.send(peer, { type: "Request", ts: this.requestTs });
    this.ctx.setTimer("resend", RESEND_MS);
  }
}
