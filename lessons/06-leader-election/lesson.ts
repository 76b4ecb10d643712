import type { LessonManifest } from '../manifest';
import { bullyDemo } from './bully/demo';
import { breakBully } from './bully/exercise';
import { raftElection } from './exercise';

export const lesson: LessonManifest = {
  folder: '06-leader-election',
  module: { id: 'coordination', title: { en: 'Coordination', 'zh-cn': '协调' } },
  title: { en: 'Leader election', 'zh-cn': '领导者选举' },
  exercises: [breakBully, raftElection],
  demos: [bullyDemo],
};
