import type { AnyMessage, ClientRequest, NodeId } from '../../../src/kernel';

/**
 * What `distsys explore crdt-counter` sends, each request once, in any order the search chooses:
 * +2 to the first node, -1 to the second, and a read of the first, so the read can come before,
 * between or after the states are exchanged, and a state can come back to the node it left.
 */
export function exploreWorkload(nodes: readonly NodeId[]): ClientRequest[] {
  const [first, second] = nodes as [NodeId, NodeId];
  const request = (to: NodeId, msg: AnyMessage): ClientRequest => ({ at: 0, to, msg });
  return [
    request(first, { type: 'Add', id: 'a1', delta: 2 }),
    request(second, { type: 'Add', id: 'a2', delta: -1 }),
    request(first, { type: 'Read', id: 'r1' }),
  ];
}
