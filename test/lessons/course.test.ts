import assert from 'node:assert/strict';
import { exercises } from '../../lessons/catalog';
import { course, courseLessons, courseOf, lessonOfExercise } from '../../lessons/course';
import type { LessonManifest } from '../../lessons/manifest';

describe('lessons: the course, derived from the lesson manifests', () => {
  it('holds every exercise of the catalog exactly once, under the lesson that owns it', () => {
    const listed = courseLessons().flatMap((l) => l.exercises);
    assert.deepEqual([...listed].sort(), exercises.map((e) => e.id).sort());
    for (const exercise of exercises) assert.equal(lessonOfExercise(exercise.id)?.folder, exercise.lesson, exercise.id);
  });

  it('titles every module and lesson in English and Chinese', () => {
    for (const m of course) {
      for (const titled of [m, ...m.lessons]) {
        assert.ok(titled.title.en.trim() !== '' && titled.title['zh-cn'].trim() !== '', JSON.stringify(titled.title));
        assert.match(titled.title['zh-cn'], /\p{Script=Han}/u);
      }
    }
  });

  const exercise = (id: string) => ({ id, title: id, starter: 'starter.ts', scenarios: [] });
  const a = { id: 'a', title: { en: 'A', 'zh-cn': '甲' } };
  const b = { id: 'b', title: { en: 'B', 'zh-cn': '乙' } };
  const manifest = (folder: string, module: typeof a, ids: string[]): LessonManifest => ({
    folder,
    module,
    title: { en: folder, 'zh-cn': folder },
    exercises: ids.map(exercise),
  });

  it('groups lessons under their modules in order, each with its exercise ids', () => {
    const course = courseOf([manifest('01-x', a, ['x1', 'x2']), manifest('02-y', a, []), manifest('03-z', b, ['z'])]);
    assert.deepEqual(
      course.map((m) => ({ id: m.id, lessons: m.lessons.map((l) => [l.folder, ...l.exercises]) })),
      [
        { id: 'a', lessons: [['01-x', 'x1', 'x2'], ['02-y']] },
        { id: 'b', lessons: [['03-z', 'z']] },
      ],
    );
    assert.deepEqual(course[1]?.title, b.title);
  });
});
