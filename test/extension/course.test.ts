import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { course, courseLessons, lessonOfExercise } from '../../lessons/course';

const LESSONS = join(__dirname, '..', '..', 'lessons');

describe('extension: course manifest', () => {
  it('holds every exercise of the catalog exactly once, under the lesson that owns it', () => {
    const listed = courseLessons().flatMap((l) => l.exercises);
    assert.deepEqual([...listed].sort(), exercises.map((e) => e.id).sort());
    for (const exercise of exercises) assert.equal(lessonOfExercise(exercise.id)?.folder, exercise.lesson, exercise.id);
  });

  it('names lesson folders that exist, each once', () => {
    const folders = courseLessons().map((l) => l.folder);
    assert.equal(new Set(folders).size, folders.length);
    for (const folder of folders) assert.ok(existsSync(join(LESSONS, folder)), folder);
  });

  it('titles every module and lesson in English and Chinese', () => {
    for (const m of course) {
      for (const titled of [m, ...m.lessons]) {
        assert.ok(titled.title.en.trim() !== '' && titled.title['zh-cn'].trim() !== '', JSON.stringify(titled.title));
        assert.match(titled.title['zh-cn'], /\p{Script=Han}/u);
      }
    }
  });
});
