import type { NodeId, RicartAgrawalaContext, RicartAgrawalaMessage, RicartAgrawalaNode } from "distsys/ricart-agrawala";

/** Ricart and Agrawala's three states. */
type State = { name: "released" } | { name: "wanted"; ts: number; missing: Set<NodeId> } | { name: "held"; ts: number };

/** A (timestamp, node) pair: requests are ordered by timestamp, then by node id. */
const earlier = (a: [number, NodeId], b: [number, NodeId]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * Ricart–Agrawala as a state machine (released → wanted → held → released), one resend timer per
 * peer that has not replied, and a queue of deferred requests. The clock is read from storage on
 * every use, so nothing about it lives only in memory.
 */
export default class StateMachineRicartAgrawala implements RicartAgrawalaNode {
  private state: State = { name: "released" };
  private readonly queue: number[] = [];
  private readonly deferred: Array<{ node: NodeId; ts: number }> = [];

  constructor(private readonly ctx: RicartAgrawalaContext) {}

  onStart(): void {}

  onMessage(from: NodeId, msg: RicartAgrawalaMessage): void {
    if (msg.type === "want") {
      this.queue.push(msg.holdMs);
      this.next();
    } else if (msg.type === "Request") {
      this.observe(msg.ts);
      const s = this.state;
      const wait = s.name === "held" || (s.name === "wanted" && earlier([s.ts, this.ctx.id], [msg.ts, from]));
      if (!wait) this.ctx.send(from, { type: "Reply", ts: msg.ts });
      else if (!this.deferred.some((d) => d.node === from && d.ts === msg.ts)) this.deferred.push({ node: from, ts: msg.ts });
    } else if (this.state.name === "wanted" && msg.ts === this.state.ts) {
      this.state.missing.delete(from);
      this.ctx.cancelTimer(`resend:${from}`);
      if (this.state.missing.size === 0) {
        this.state = { name: "held", ts: this.state.ts };
        this.ctx.enter();
        this.ctx.setTimer("done", this.queue[0] ?? 0);
      }
    }
  }

  onTimer(name: string): void {
    if (name === "done") {
      this.ctx.exit();
      this.state = { name: "released" };
      this.queue.shift();
      for (const { node, ts } of this.deferred.splice(0)) this.ctx.send(node, { type: "Reply", ts });
      this.next();
      return;
    }
    const peer = name.slice("resend:".length);
    if (this.state.name !== "wanted" || !this.state.missing.has(peer)) return;
    this.ctx.send(peer, { type: "Request", ts: this.state.ts });
    this.ctx.setTimer(name, 250);
  }

  private clock(): number {
    return this.ctx.storage.get<number>("lamport") ?? 0;
  }

  private observe(ts: number): void {
    this.ctx.storage.set("lamport", Math.max(this.clock(), ts) + 1);
  }

  private next(): void {
    if (this.state.name !== "released" || this.queue.length === 0) return;
    const ts = this.clock() + 1;
    this.ctx.storage.set("lamport", ts);
    this.state = { name: "wanted", ts, missing: new Set(this.ctx.peers) };
    for (const peer of this.ctx.peers) {
      this.ctx.send(peer, { type: "Request", ts });
      this.ctx.setTimer(`resend:${peer}`, 250);
    }
  }
}
