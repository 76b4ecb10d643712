import type { LessonManifest } from '../manifest';
import { failureDetector } from './exercise';
import { timeoutSweep } from './sweep';

export const lesson: LessonManifest = {
  folder: '05-failure-detection',
  module: { id: 'coordination', title: { en: 'Coordination', 'zh-cn': '协调' } },
  title: { en: 'Failure detection', 'zh-cn': '故障检测' },
  exercises: [failureDetector],
  demos: timeoutSweep,
};
