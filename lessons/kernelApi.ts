/** The kernel's API as students see it: what every "distsys" module exports, whatever the exercise. */
export type { AnyMessage, Context, Message, Node, NodeClass, NodeId, Storage } from '../src/kernel/api';
