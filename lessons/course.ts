/**
 * The course as a student walks it: modules of lessons, each lesson with its exercise ids, derived
 * from the lesson manifests in `lessons/registry.ts`. Titles come in every language the lessons
 * are written in.
 */
import type { LessonManifest, Localized } from './manifest';
import { lessons } from './registry';

export type { LessonLanguage, Localized } from './manifest';

export interface CourseLesson {
  /** The lesson folder under `lessons/`: "06-leader-election". */
  folder: string;
  title: Localized;
  /** Exercise ids, in the order the lesson hands them out. */
  exercises: string[];
}

export interface CourseModule {
  id: string;
  title: Localized;
  lessons: CourseLesson[];
}

/** Lessons grouped under their modules, in the order the modules first appear. */
export function courseOf(manifests: readonly LessonManifest[]): CourseModule[] {
  const modules: CourseModule[] = [];
  for (const { folder, module, title, exercises } of manifests) {
    let entry = modules.find((m) => m.id === module.id);
    if (entry === undefined) modules.push((entry = { id: module.id, title: module.title, lessons: [] }));
    entry.lessons.push({ folder, title, exercises: exercises.map((e) => e.id) });
  }
  return modules;
}

export const course: CourseModule[] = courseOf(lessons);

/** Every lesson, in course order. */
export function courseLessons(): CourseLesson[] {
  return course.flatMap((m) => m.lessons);
}

export function findLesson(folder: string): CourseLesson | undefined {
  return courseLessons().find((l) => l.folder === folder);
}

/** The lesson that hands out an exercise. */
export function lessonOfExercise(exercise: string): CourseLesson | undefined {
  return courseLessons().find((l) => l.exercises.includes(exercise));
}
