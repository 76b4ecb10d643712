import type { LessonManifest } from '../manifest';
import { consistentHashing } from './exercise';
import { moduloHashing } from './modulo';

export const lesson: LessonManifest = {
  folder: '07-partitioning',
  module: { id: 'replication', title: { en: 'Partitioning and replication', 'zh-cn': '分区与复制' } },
  title: { en: 'Partitioning', 'zh-cn': '分区' },
  exercises: [consistentHashing],
  demos: [moduloHashing],
};
