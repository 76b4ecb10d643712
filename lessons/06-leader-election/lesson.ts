import type { LessonManifest } from '../manifest';
import { raftElection } from './exercise';

export const lesson: LessonManifest = {
  folder: '06-leader-election',
  module: { id: 'coordination', title: { en: 'Coordination', 'zh-cn': '协调' } },
  title: { en: 'Raft leader election', 'zh-cn': 'Raft 领导者选举' },
  exercises: [raftElection],
};
