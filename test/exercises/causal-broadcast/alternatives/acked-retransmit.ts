import type { CausalBroadcastContext, CausalBroadcastNode, CausalBroadcastRequest, NodeId } from "distsys/causal-broadcast";

/** A message on the wire: `seq` is its place among its origin's broadcasts, `deps` what its origin had delivered before. */
interface Packet {
  id: string;
  origin: NodeId;
  seq: number;
  deps: Record<string, number>;
}

interface Data {
  type: "data";
  packets: Packet[];
}

/** "I have delivered these": the sender stops resending them to me. */
interface Ack {
  type: "ack";
  ids: string[];
}

type Msg = CausalBroadcastRequest | Data | Ack;

const RESEND_EVERY_MS = 60;

/**
 * Each origin resends its own messages to each peer until that peer acknowledges having
 * delivered them (an acknowledgement on arrival would lose a message held back in memory when the
 * peer crashes). The outboxes and the delivered counts are in storage; the hold-back queue is not.
 */
export default class AckedRetransmit implements CausalBroadcastNode<Msg> {
  private held: Packet[] = [];

  constructor(private readonly ctx: CausalBroadcastContext<Msg>) {}

  onStart(): void {
    this.ctx.setTimer("resend", RESEND_EVERY_MS);
  }

  onRecover(): void {
    this.onStart();
  }

  onMessage(from: NodeId, msg: Msg): void {
    switch (msg.type) {
      case "broadcast":
        return this.originate(msg.id);
      case "data":
        return this.accept(from, msg.packets);
      case "ack":
        return this.forget(from, msg.ids);
    }
  }

  onTimer(): void {
    for (const peer of this.ctx.peers) {
      const outbox = this.outbox(peer);
      if (outbox.length > 0) this.ctx.send(peer, { type: "data", packets: outbox });
    }
    this.ctx.setTimer("resend", RESEND_EVERY_MS);
  }

  private originate(id: string): void {
    if (this.ctx.storage.get<boolean>(`seen:${id}`) === true) return;
    const delivered = this.delivered();
    const packet: Packet = { id, origin: this.ctx.id, seq: (delivered[this.ctx.id] ?? 0) + 1, deps: delivered };
    this.hand(packet);
    for (const peer of this.ctx.peers) {
      this.ctx.storage.set(`outbox:${peer}`, [...this.outbox(peer), packet]);
      this.ctx.send(peer, { type: "data", packets: [packet] });
    }
  }

  private accept(from: NodeId, packets: readonly Packet[]): void {
    const acks: string[] = [];
    for (const p of packets) {
      if (p.seq <= (this.delivered()[p.origin] ?? 0)) acks.push(p.id);
      else if (!this.held.some((h) => h.id === p.id)) this.held.push(p);
    }
    for (let ready = this.nextReady(); ready !== undefined; ready = this.nextReady()) {
      this.held = this.held.filter((h) => h !== ready);
      this.hand(ready);
      if (ready.origin === from) acks.push(ready.id);
    }
    if (acks.length > 0) this.ctx.send(from, { type: "ack", ids: acks });
  }

  private nextReady(): Packet | undefined {
    const delivered = this.delivered();
    return this.held.find(
      (p) =>
        p.seq === (delivered[p.origin] ?? 0) + 1 &&
        Object.keys(p.deps).every((n) => n === p.origin || (p.deps[n] ?? 0) <= (delivered[n] ?? 0)),
    );
  }

  /** Delivers a packet; its timestamp is its dependencies with its own place added. */
  private hand(p: Packet): void {
    const delivered = { ...this.delivered(), [p.origin]: p.seq };
    this.ctx.storage.set("delivered", delivered);
    if (p.origin === this.ctx.id) this.ctx.storage.set(`seen:${p.id}`, true);
    this.ctx.deliver(p.id, { ...p.deps, [p.origin]: p.seq });
  }

  private forget(peer: NodeId, ids: readonly string[]): void {
    const left = this.outbox(peer).filter((p) => !ids.includes(p.id));
    this.ctx.storage.set(`outbox:${peer}`, left);
  }

  private delivered(): Record<string, number> {
    return this.ctx.storage.get<Record<string, number>>("delivered") ?? {};
  }

  private outbox(peer: NodeId): Packet[] {
    return this.ctx.storage.get<Packet[]>(`outbox:${peer}`) ?? [];
  }
}
