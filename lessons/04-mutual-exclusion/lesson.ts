import type { LessonManifest } from '../manifest';
import { centralLock } from './centralLock';
import { ricartAgrawala } from './exercise';
import { tokenRing } from './token-ring/exercise';

export const lesson: LessonManifest = {
  folder: '04-mutual-exclusion',
  module: { id: 'coordination', title: { en: 'Coordination', 'zh-cn': '协调' } },
  title: { en: 'Mutual exclusion', 'zh-cn': '分布式互斥' },
  exercises: [ricartAgrawala, tokenRing],
  demos: [centralLock],
};
