import type { LessonManifest } from '../manifest';
import { exactlyOnceKv } from './exercise';

export const lesson: LessonManifest = {
  folder: '02-retries-and-idempotency',
  module: { id: 'foundations', title: { en: 'Foundations: what goes wrong', 'zh-cn': '基础：会出什么错' } },
  title: { en: 'Timeouts, retries, idempotency', 'zh-cn': '超时、重试与幂等' },
  exercises: [exactlyOnceKv],
};
