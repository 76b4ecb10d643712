import type { NodeId, PartitioningContext, PartitioningMessage, PartitioningNode } from "distsys/consistent-hashing";

/**
 * Consistent hashing: every node answers "which member owns this key?" for a cluster whose
 * members join and leave.
 *
 * The configuration service sends every node `{ type: "members", version, members }` whenever
 * the membership changes, and repeats the newest one every 100 ms; a higher version is newer.
 * Clients send a member `{ type: "lookup", id, keys }`; answer at once, in that handler, with
 * `{ type: "owners", id, version, owners }`: `owners[i]` owns `keys[i]` under the membership
 * numbered `version`, the newest you know. `this.ctx.hash(text)` gives every node the same
 * unsigned 32-bit position for a text: build a ring from it, with virtual nodes.
 *
 * The rules the grader checks (lessons/07-partitioning/rules.md lists them all)
 *   - valid-answers: name a version you were sent, one owner per key, each a member of it.
 *   - agreement: members answering from the same version name the same owner for every key.
 *   - availability: answer every lookup, also right after a crash and restart.
 *   - current-membership: 300 ms after the faults heal, answer from the newest membership.
 *   - newest-known: never answer from a membership older than one you have received.
 *   - stayers-keep-keys: on a join or leave, no key moves between two members that both stayed.
 *   - keys-moved: a join or leave moves at most 1.5 × (all keys / members) keys.
 *   - balance: no member owns more than 1.3 × its fair share of 1000 keys.
 *
 * What can go wrong
 *   Membership messages are lost, repeated and reordered: keep the highest version. A crash
 *   discards this object; only `this.ctx.storage` survives it.
 */
export default class ConsistentHashing implements PartitioningNode {
  constructor(private readonly ctx: PartitioningContext) {}

  onStart(): void {}

  onMessage(from: NodeId, msg: PartitioningMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
