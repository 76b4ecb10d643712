import type { LessonManifest } from '../manifest';
import { twoPhaseCommit } from './exercise';

export const lesson: LessonManifest = {
  folder: '20-two-phase-commit',
  module: { id: 'transactions', title: { en: 'Distributed transactions', 'zh-cn': '分布式事务' } },
  title: { en: 'Two-phase commit', 'zh-cn': '两阶段提交' },
  exercises: [twoPhaseCommit],
};
