import type { LessonManifest } from '../manifest';
import { gossipBroadcast } from './exercise';
import { crdtCounter } from './counter/exercise';

export const lesson: LessonManifest = {
  folder: '08-eventual-consistency',
  module: { id: 'replication', title: { en: 'Partitioning and replication', 'zh-cn': '分区与复制' } },
  title: { en: 'Eventual consistency', 'zh-cn': '最终一致性' },
  exercises: [gossipBroadcast, crdtCounter],
};
