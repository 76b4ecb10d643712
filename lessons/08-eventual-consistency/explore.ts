import type { AnyMessage, ClientRequest, NodeId } from '../../src/kernel';

/**
 * What `distsys explore gossip-broadcast` sends, each request once, in any order the search
 * chooses: a value broadcast to the first node and another to the second, and a read of the first
 * and of the last node, so a read can come before, between or after the values reach a node.
 */
export function exploreWorkload(nodes: readonly NodeId[]): ClientRequest[] {
  const [first, second] = nodes as [NodeId, NodeId];
  const last = nodes.at(-1) as NodeId;
  const request = (to: NodeId, msg: AnyMessage): ClientRequest => ({ at: 0, to, msg });
  return [
    request(first, { type: 'Broadcast', id: 'b1', value: 1 }),
    request(second, { type: 'Broadcast', id: 'b2', value: 2 }),
    request(first, { type: 'Read', id: 'r1' }),
    request(last, { type: 'Read', id: 'r2' }),
  ];
}
