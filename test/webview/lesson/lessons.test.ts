import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonLinkResolver } from '../../../src/webview/lesson/links';
import { renderLesson } from '../../../src/webview/lesson/render';

const root = join(__dirname, '../../../lessons');
const lessons = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const files = lessons.flatMap((lesson) =>
  readdirSync(join(root, lesson))
    .filter((f) => /^lesson(\.[\w-]+)?\.md$/.test(f))
    .map((file) => ({ lesson, file })),
);

/** Fences counted without the renderer, so a block it silently skipped would show. */
function countFences(source: string, kind: 'sim' | 'quiz'): number {
  return [...source.matchAll(new RegExp(`^[ >]*\`{3,}${kind}\\b`, 'gm'))].length;
}

describe('lessons on disk', () => {
  it('has lesson markdown to render', () => {
    assert.ok(files.length > 0, `no lessons/*/lesson*.md under ${root}`);
  });

  for (const { lesson, file } of files) {
    describe(`${lesson}/${file}`, () => {
      const source = readFileSync(join(root, lesson, file), 'utf8');
      const rendered = renderLesson(source, {
        locale: file === 'lesson.zh-cn.md' ? 'zh-cn' : 'en',
        resolveLink: lessonLinkResolver(lesson, lessons, (path) => existsSync(join(root, path))),
      });

      it('renders without problems', () => {
        assert.deepEqual(rendered.problems, []);
        assert.ok(rendered.title, 'a lesson needs a title');
      });

      // That each names a real exercise and scenario is checked in test/exercises/conformance.test.ts.
      it('contains every sim block it declares, as a figure', () => {
        assert.equal(rendered.sims.length, countFences(source, 'sim'));
        for (const sim of rendered.sims) {
          assert.match(
            rendered.html,
            new RegExp(
              `<figure class="sim" data-sim="${sim.id}" data-exercise="${sim.exercise}" data-scenario="${sim.scenario}" data-seed="${sim.seed}"`,
            ),
          );
        }
      });

      it('renders every quiz it declares as a form', () => {
        assert.equal(rendered.quizzes.length, countFences(source, 'quiz'));
        assert.equal(rendered.html.match(/<form class="quiz" /g)?.length ?? 0, rendered.quizzes.length);
      });
    });
  }

  for (const lesson of lessons.filter((l) => files.some((f) => f.lesson === l && f.file !== 'lesson.md'))) {
    const render = (file: string) => renderLesson(readFileSync(join(root, lesson, file), 'utf8'));
    const translations = files.filter((f) => f.lesson === lesson && f.file !== 'lesson.md').map((f) => f.file);

    it(`${lesson}: every translation shows the same simulations as lesson.md`, () => {
      const runs = (file: string): string[] => render(file).sims.map((s) => `${s.exercise}/${s.scenario}/${s.seed}`);
      for (const file of translations) assert.deepEqual(runs(file), runs('lesson.md'), file);
    });

    it(`${lesson}: every translation asks the same quizzes as lesson.md, with the same correct options`, () => {
      const answers = (file: string): boolean[][] => render(file).quizzes.map((q) => q.options.map((o) => o.correct));
      for (const file of translations) assert.deepEqual(answers(file), answers('lesson.md'), file);
    });
  }
});
