import type { NodeId } from '../../src/kernel';
import type { ClusterTimeline } from '../../src/grader';
import type { RaftState } from './contract';

/** Raft's reading of a cluster timeline: roles and terms over who is up and who can talk. */
export type RaftTimeline = ClusterTimeline<RaftState>;

/** A node's last reported term and role: follower of term 0 before it reported any. */
export function raftState(cluster: RaftTimeline, id: NodeId): RaftState {
  return cluster.state(id) ?? { term: 0, role: 'follower' };
}

export function majorityOf(nodes: readonly NodeId[]): number {
  return Math.floor(nodes.length / 2) + 1;
}

/** "n1 leader of term 3, n2 follower of term 3 (paused), n3 down": the cluster in words. */
export function describeRaft(cluster: RaftTimeline): string {
  return cluster.describe((id) => {
    const { role, term } = raftState(cluster, id);
    return `${role} of term ${term}`;
  });
}
