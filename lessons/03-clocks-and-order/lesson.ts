import type { LessonManifest } from '../manifest';
import { causalBroadcast } from './exercise';
import { lastWriterWins } from './lastWriterWins';

export const lesson: LessonManifest = {
  folder: '03-clocks-and-order',
  module: { id: 'foundations', title: { en: 'Foundations: what goes wrong', 'zh-cn': '基础：会出什么错' } },
  title: { en: 'Clocks and order', 'zh-cn': '时钟与顺序' },
  exercises: [causalBroadcast],
  demos: [lastWriterWins],
};
