import { type Context, type NodeClass, type NodeId } from '../../src/kernel';
import type { Demo } from '../manifest';
import { movedShare, validAnswers } from './checkers';
import type { PartitioningContext, PartitioningMessage, PartitioningNode } from './contract';
import { growFourToFive } from './exercise';
import { hashApi } from './instrument';

/** The obvious scheme: key k lives on member hash(k) mod n, members in name order. */
const moduloNode: NodeClass = class implements PartitioningNode {
  private readonly ctx: PartitioningContext;
  private version = 0;
  private members: NodeId[] = [];

  /** The demo's instrument adds `hash` to every context it builds. */
  constructor(ctx: Context) {
    this.ctx = ctx as unknown as PartitioningContext;
  }

  onStart(): void {}

  onMessage(from: NodeId, msg: PartitioningMessage): void {
    if (msg.type === 'members' && msg.version > this.version) {
      this.version = msg.version;
      this.members = [...msg.members].sort();
    } else if (msg.type === 'lookup' && this.version > 0) {
      const owners = msg.keys.map((key) => this.members[this.ctx.hash(key) % this.members.length] as NodeId);
      this.ctx.send(from, { type: 'owners', id: msg.id, version: this.version, owners });
    }
  }

  onTimer(): void {}
};

/** Going from four members to five with hash mod n: about four keys in five change owner, most between members that stayed. */
export const moduloHashing: Demo = {
  id: 'modulo-hashing',
  title: 'Partitioning by hash(key) mod n',
  instrument: hashApi,
  program: moduloNode,
  scenarios: [
    {
      ...growFourToFive,
      description: 'Four members, and n5 joins at 300 ms: with hash mod n, most keys change owner.',
      points: 0,
      checkers: [validAnswers, movedShare(3, 'at-least')],
    },
  ],
};
