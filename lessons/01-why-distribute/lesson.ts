import type { LessonManifest } from '../manifest';
import { uniqueIds } from './exercise';
import { requestTour } from './requestTour';

export const lesson: LessonManifest = {
  folder: '01-why-distribute',
  module: { id: 'foundations', title: { en: 'Foundations: what goes wrong', 'zh-cn': '基础：会出什么错' } },
  title: { en: 'Why distribute', 'zh-cn': '为什么要分布式' },
  exercises: [uniqueIds],
  demos: [requestTour],
};
