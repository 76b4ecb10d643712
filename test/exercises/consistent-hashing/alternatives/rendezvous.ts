import type { NodeId, PartitioningContext, PartitioningMessage, PartitioningNode } from "distsys/consistent-hashing";

interface Membership {
  version: number;
  members: NodeId[];
}

/**
 * Rendezvous (highest-random-weight) hashing, with no ring at all: every member scores each key
 * with hash(key @ member), and the highest score owns it. A join takes from each member only the
 * keys the newcomer outscores it on, a leave hands each of the leaver's keys to its runner-up, so
 * keys move only to or from the member that changed. The membership lives in storage alone.
 */
export default class Rendezvous implements PartitioningNode {
  constructor(private readonly ctx: PartitioningContext) {}

  onStart(): void {}

  onMessage(from: NodeId, msg: PartitioningMessage): void {
    const known = this.ctx.storage.get<Membership>("membership");
    switch (msg.type) {
      case "members":
        if (known === undefined || msg.version > known.version) {
          this.ctx.storage.set("membership", { version: msg.version, members: msg.members });
        }
        return;
      case "lookup":
        if (known === undefined) return;
        this.ctx.send(from, {
          type: "owners",
          id: msg.id,
          version: known.version,
          owners: msg.keys.map((key) => this.winner(key, known.members)),
        });
        return;
      case "owners":
        return;
    }
  }

  onTimer(): void {}

  private winner(key: string, members: readonly NodeId[]): NodeId {
    let best = members[0] as NodeId;
    let bestScore = -1;
    for (const member of members) {
      const score = this.ctx.hash(`${key}@${member}`);
      if (score > bestScore || (score === bestScore && member < best)) {
        best = member;
        bestScore = score;
      }
    }
    return best;
  }
}
