import type { NodeId, PartitioningContext, PartitioningMessage, PartitioningNode } from "distsys/consistent-hashing";

/** Points on the ring for each member: enough that every member's share stays within a few per cent of fair. */
const VIRTUAL_NODES = 64;

interface Membership {
  version: number;
  members: NodeId[];
}

/** A point on the ring and the member it stands for. */
interface Point {
  position: number;
  member: NodeId;
}

/**
 * Consistent hashing with virtual nodes. Each member stands at VIRTUAL_NODES points of the ring,
 * hashed from its name and the point's number, so its points depend on nothing but its name: a
 * join adds points, a leave removes them, and only keys between a changed point and the one
 * before it move. A key belongs to the first point at or after its own hash, wrapping past the
 * top of the ring to the first point. The membership is kept in storage: a restarted member
 * answers at once.
 */
export default class ConsistentHashing implements PartitioningNode {
  private membership: Membership | undefined;
  private ring: Point[] = [];

  constructor(private readonly ctx: PartitioningContext) {}

  onStart(): void {
    const kept = this.ctx.storage.get<Membership>("membership");
    if (kept !== undefined) this.adopt(kept);
  }

  onMessage(from: NodeId, msg: PartitioningMessage): void {
    if (msg.type === "members") {
      if (this.membership !== undefined && msg.version <= this.membership.version) return;
      const membership = { version: msg.version, members: [...msg.members] };
      this.ctx.storage.set("membership", membership);
      this.adopt(membership);
    } else if (msg.type === "lookup" && this.membership !== undefined) {
      const owners = msg.keys.map((key) => this.owner(key));
      this.ctx.send(from, { type: "owners", id: msg.id, version: this.membership.version, owners });
    }
  }

  onTimer(): void {}

  private adopt(membership: Membership): void {
    this.membership = membership;
    this.ring = membership.members
      .flatMap((member) =>
        Array.from({ length: VIRTUAL_NODES }, (_, i) => ({ position: this.ctx.hash(`${member}#${i}`), member })),
      )
      .sort((a, b) => a.position - b.position || (a.member < b.member ? -1 : 1));
  }

  /** The member of the first point at or after the key's hash; past the last point, the first. */
  private owner(key: string): NodeId {
    const h = this.ctx.hash(key);
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ring[mid] as Point).position < h) lo = mid + 1;
      else hi = mid;
    }
    return (this.ring[lo % this.ring.length] as Point).member;
  }
}
