import type { Exercise } from '../src/grader';
import type { Demo } from './manifest';
import { lessons } from './registry';

/** An exercise as the course hands it out: with the folder of the lesson whose manifest lists it. */
export interface CatalogExercise extends Exercise {
  /** "06-leader-election". */
  readonly lesson: string;
}

/** Every exercise, in course order. */
export const exercises: CatalogExercise[] = lessons.flatMap((l) =>
  l.exercises.map((e) => ({ ...e, lesson: l.folder })),
);

export function findExercise(id: string): CatalogExercise | undefined {
  return exercises.find((e) => e.id === id);
}

/** Every lesson's demos, in course order: models a lesson shows in its `sim` blocks and never grades. */
export const demos: Demo[] = lessons.flatMap((l) => l.demos ?? []);
