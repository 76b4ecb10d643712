import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonMessage, renderForPage, restoredLesson } from '../../src/extension/core/lessonPage';
import { simFileName } from '../../src/extension/core/simFiles';
import type { Translate } from '../../src/extension/core/translate';
import type { LessonManifest } from '../../lessons/manifest';
import { lessons } from '../../lessons/registry';

const LESSONS = join(__dirname, '..', '..', 'lessons');
const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const titles: Record<string, string> = {
  'raft-election': 'Raft leader election',
  'two-phase-commit': 'Two-phase commit',
};

function page(
  folder: string,
  language: 'en' | 'zh-cn',
  traces: Map<string, string>,
  anchor?: string,
): ReturnType<typeof lessonMessage> {
  const file = language === 'en' ? 'lesson.md' : 'lesson.zh-cn.md';
  const rendered = renderForPage(readFileSync(join(LESSONS, folder, file), 'utf8'), folder, language);
  return lessonMessage(
    {
      folder,
      language,
      rendered,
      traces,
      exerciseTitle: (id) => titles[id],
      ...(anchor !== undefined ? { anchor } : {}),
    },
    t,
  );
}

describe('extension: the lesson page message', () => {
  it('links each lesson to its neighbours in course order, titled in the lesson language', () => {
    for (const language of ['en', 'zh-cn'] as const) {
      lessons.forEach((lesson, i) => {
        const message = page(lesson.folder, language, new Map());
        const neighbour = (other: LessonManifest | undefined) =>
          other && { lesson: other.folder, title: other.title[language] };
        assert.deepEqual(message.prev, neighbour(lessons[i - 1]), `${lesson.folder} (${language}): previous`);
        assert.deepEqual(message.next, neighbour(lessons[i + 1]), `${lesson.folder} (${language}): next`);
      });
    }
    assert.equal(page('01-why-distribute', 'en', new Map()).prev, undefined, 'the first lesson has none before it');
    assert.deepEqual(page('06-leader-election', 'zh-cn', new Map()).prev?.title, '故障检测');
  });

  it('offers the lesson exercises, with their titles', () => {
    assert.deepEqual(page('20-two-phase-commit', 'en', new Map()).exercises, [
      { id: 'two-phase-commit', title: 'Two-phase commit' },
    ]);
  });

  it('sends each sim block its precomputed trace, and an error where there is none', () => {
    const folder = '06-leader-election';
    const rendered = renderForPage(readFileSync(join(LESSONS, folder, 'lesson.md'), 'utf8'), folder, 'en');
    assert.ok(rendered.sims.length >= 2);
    const [missing, ...present] = rendered.sims;
    const traces = new Map(present.map((s) => [simFileName(s), `trace of ${s.id}`]));
    const message = page(folder, 'en', traces);
    assert.deepEqual(
      Object.keys(message.sims),
      present.map((s) => s.id),
    );
    assert.equal(message.sims[present[0]?.id ?? ''], `trace of ${present[0]?.id}`);
    assert.deepEqual(Object.keys(message.simErrors ?? {}), [missing?.id]);
    assert.match(
      message.simErrors?.[missing?.id ?? ''] ?? '',
      new RegExp(`${missing?.scenario} / seed ${missing?.seed}`),
    );
  });

  it('carries the rendered HTML, the contents and the anchor to scroll to', () => {
    const message = page('06-leader-election', 'en', new Map(), 'timeouts');
    assert.equal(message.type, 'showLesson');
    assert.equal(message.lesson, '06-leader-election');
    assert.equal(message.locale, 'en');
    assert.match(message.html, /<h1 id=/);
    assert.ok((message.toc ?? []).length > 0);
    assert.equal(message.anchor, 'timeouts');
  });

  it('finds the lesson of a restored panel from its title, in either language', () => {
    assert.equal(restoredLesson('Two-phase commit'), '20-two-phase-commit');
    assert.equal(restoredLesson('领导者选举'), '06-leader-election');
    assert.equal(restoredLesson('Something else'), undefined);
  });
});
