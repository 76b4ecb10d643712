import type { CausalBroadcastContext, CausalBroadcastNode, CausalBroadcastRequest, NodeId, VectorClock } from "distsys/causal-broadcast";

/** A broadcast message as nodes pass it around: its id, its broadcaster and its vector timestamp. */
interface Stamped {
  id: string;
  origin: NodeId;
  clock: VectorClock;
}

/** New messages, pushed at once or resent on a summary. */
interface Messages {
  type: "messages";
  messages: Stamped[];
}

/** "This is what I have delivered": the peer answers with whatever is missing. */
interface Summary {
  type: "summary";
  clock: VectorClock;
}

type Msg = CausalBroadcastRequest | Messages | Summary;

const SUMMARY_EVERY_MS = 50;

/**
 * Causal broadcast with vector clocks (Birman, Schiper and Stephenson): clock[n] counts the
 * messages of n this node has delivered, its own included. A message from n waits until it is the
 * next one from n and everything it depends on has been delivered. Lost messages are found by
 * anti-entropy: every 50 ms each node tells its peers its clock, and they resend what it lacks.
 * The clock and the log of delivered messages are in storage, so a restart loses neither: the
 * log as one key per message ("log:0", "log:1"…), as many as the clock's counts add up to.
 */
export default class CausalBroadcast implements CausalBroadcastNode<Msg> {
  private readonly waiting = new Map<string, Stamped>();
  private clock: Record<string, number> = {};
  private log: Stamped[] = [];

  constructor(private readonly ctx: CausalBroadcastContext<Msg>) {}

  onStart(): void {
    this.ctx.setTimer("summary", SUMMARY_EVERY_MS);
  }

  onRecover(): void {
    this.clock = this.ctx.storage.get<Record<string, number>>("clock") ?? {};
    const length = Object.values(this.clock).reduce((sum, count) => sum + count, 0);
    this.log = Array.from({ length }, (_, i) => this.ctx.storage.get<Stamped>(`log:${i}`) as Stamped);
    this.onStart();
  }

  onMessage(from: NodeId, msg: Msg): void {
    if (msg.type === "broadcast") this.broadcast(msg.id);
    else if (msg.type === "messages") this.receive(msg.messages);
    else this.resend(from, msg.clock);
  }

  onTimer(): void {
    for (const peer of this.ctx.peers) this.ctx.send(peer, { type: "summary", clock: { ...this.clock } });
    this.ctx.setTimer("summary", SUMMARY_EVERY_MS);
  }

  private broadcast(id: string): void {
    if (this.log.some((m) => m.id === id)) return;
    const clock = { ...this.clock, [this.ctx.id]: (this.clock[this.ctx.id] ?? 0) + 1 };
    const message: Stamped = { id, origin: this.ctx.id, clock };
    this.deliver(message);
    for (const peer of this.ctx.peers) this.ctx.send(peer, { type: "messages", messages: [message] });
  }

  private receive(messages: readonly Stamped[]): void {
    for (const m of messages) {
      if (!this.delivered(m)) this.waiting.set(m.id, m);
    }
    let next = [...this.waiting.values()].find((m) => this.deliverable(m));
    while (next !== undefined) {
      this.waiting.delete(next.id);
      this.deliver(next);
      next = [...this.waiting.values()].find((m) => this.deliverable(m));
    }
  }

  /** The next message from its origin, with everything else it depends on delivered. */
  private deliverable(m: Stamped): boolean {
    return Object.entries(m.clock).every(([node, count]) =>
      node === m.origin ? count === (this.clock[node] ?? 0) + 1 : count <= (this.clock[node] ?? 0),
    );
  }

  private delivered(m: Stamped): boolean {
    return (m.clock[m.origin] ?? 0) <= (this.clock[m.origin] ?? 0);
  }

  private deliver(m: Stamped): void {
    for (const [node, count] of Object.entries(m.clock)) this.clock[node] = Math.max(this.clock[node] ?? 0, count);
    this.ctx.storage.set(`log:${this.log.length}`, m);
    this.log.push(m);
    this.ctx.storage.set("clock", this.clock);
    this.ctx.deliver(m.id, m.clock);
  }

  /** Resends to a peer what it has not delivered, in the order it was delivered here: a causal order. */
  private resend(peer: NodeId, theirs: VectorClock): void {
    const missing = this.log.filter((m) => (m.clock[m.origin] ?? 0) > (theirs[m.origin] ?? 0));
    if (missing.length > 0) this.ctx.send(peer, { type: "messages", messages: missing });
  }
}
