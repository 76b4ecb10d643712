/**
 * The module students import types from: `import type { Context, Node } from "distsys"`.
 * The kernel's student API plus each exercise's contract.
 */
export type { AnyMessage, Context, History, Message, Node, NodeClass, NodeId, OpType, Storage } from '../src/kernel/api';
export type * from './01-raft-election/contract';
export type * from './02-two-phase-commit/contract';
