import type { NodeId } from '../../src/kernel';
import type { ClusterTimeline, Text } from '../../src/grader';
import type { RaftState, Role } from './contract';

/** Raft's reading of a cluster timeline: roles and terms over who is up and who can talk. */
export type RaftTimeline = ClusterTimeline<RaftState>;

/** A node's last reported term and role: follower of term 0 before it reported any. */
export function raftState(cluster: RaftTimeline, id: NodeId): RaftState {
  return cluster.state(id) ?? { term: 0, role: 'follower' };
}

export function majorityOf(nodes: readonly NodeId[]): number {
  return Math.floor(nodes.length / 2) + 1;
}

export const roleInChinese: Record<Role, string> = { leader: '领导者', follower: '跟随者', candidate: '候选者' };

/** "n1 leader of term 3, n2 follower of term 3 (paused), n3 down": the cluster in words. */
export function describeRaft(cluster: RaftTimeline): Text {
  return {
    en: cluster.describe((id) => {
      const { role, term } = raftState(cluster, id);
      return `${role} of term ${term}`;
    }),
    'zh-cn': cluster.nodes
      .map((id) => {
        if (!cluster.up(id)) return `${id} 宕机`;
        const { role, term } = raftState(cluster, id);
        return `${id} 是任期 ${term} 的${roleInChinese[role]}${cluster.paused(id) ? '（暂停中）' : ''}`;
      })
      .join('，'),
  };
}
