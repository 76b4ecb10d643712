import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { courseLessons } from '../../lessons/course';
import type { LessonManifest } from '../../lessons/manifest';
import { lessons } from '../../lessons/registry';

const LESSONS = join(__dirname, '..', '..', 'lessons');
const loadModule = createRequire(__filename);

/** Lesson folders on disk: "<nn>-<slug>", in the order of their numbers. */
function lessonFolders(): string[] {
  return readdirSync(LESSONS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

describe('lessons: the registry of lesson manifests', () => {
  it('lists every lesson folder on disk, in the order of the folder numbers', () => {
    assert.deepEqual(
      lessons.map((l) => l.folder),
      lessonFolders(),
      'every lessons/<nn-slug>/ folder must be listed in lessons/registry.ts, in folder-number order',
    );
  });

  it('names lesson folders "<two digits>-<kebab-case slug>", each number once', () => {
    for (const folder of lessonFolders()) assert.match(folder, /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/);
    const numbers = lessonFolders().map((f) => f.slice(0, 2));
    assert.equal(new Set(numbers).size, numbers.length, numbers.join(', '));
  });

  it('takes each manifest from the folder it names', () => {
    for (const folder of lessonFolders()) {
      assert.ok(existsSync(join(LESSONS, folder, 'lesson.ts')), `lessons/${folder}/lesson.ts is missing`);
      const { lesson } = loadModule(join(LESSONS, folder, 'lesson.ts')) as { lesson: LessonManifest };
      assert.equal(lesson.folder, folder, `lessons/${folder}/lesson.ts names folder "${lesson.folder}"`);
      assert.ok(
        lessons.includes(lesson),
        `lessons/registry.ts does not list the manifest of lessons/${folder}/lesson.ts`,
      );
    }
  });

  it('gives every exercise a unique id and one lesson, the one whose manifest lists it', () => {
    const ids = exercises.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
    for (const e of exercises)
      assert.deepEqual(
        lessons.filter((l) => l.exercises.some((x) => x.id === e.id)).map((l) => l.folder),
        [e.lesson],
        e.id,
      );
  });

  it('keeps the lessons of a module together, under one title', () => {
    assert.deepEqual(
      courseLessons().map((l) => l.folder),
      lessons.map((l) => l.folder),
      "a module's lessons must be consecutive in the registry",
    );
    for (const l of lessons) {
      const first = lessons.find((m) => m.module.id === l.module.id);
      assert.deepEqual(
        l.module.title,
        first?.module.title,
        `${l.folder} titles module ${l.module.id} differently from ${first?.folder}`,
      );
    }
  });
});
