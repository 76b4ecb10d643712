import type { Exercise } from '../src/grader';
import type { NodeClass } from '../src/kernel';

/** The languages lessons are written in: every lesson has a lesson.md and a lesson.<language>.md for each other one. */
export const LESSON_LANGUAGES = ['en', 'zh-cn'] as const;

export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

export type Localized = Record<LessonLanguage, string>;

/** A module of the course: lessons on one subject, shown together. */
export interface ModuleHeading {
  /** Kebab-case: "consensus". */
  id: string;
  title: Localized;
}

/**
 * What a lesson folder declares about itself (`lessons/<nn-slug>/lesson.ts`): the course and the
 * catalog are derived from these, so a lesson and its exercises are added in one place.
 */
export interface LessonManifest {
  /** The folder the manifest sits in: "06-leader-election". */
  folder: string;
  /** The module the lesson belongs to; lessons of one module give it the same id and title. */
  module: ModuleHeading;
  title: Localized;
  /** In the order the lesson hands them out. */
  exercises: Exercise[];
  /** Models the lesson only shows, in its `sim` blocks: never handed out, never graded. */
  demos?: Demo[];
}

/**
 * A model a lesson shows running (a request's trip through a load balancer, services and a
 * cache…) that is no exercise: it runs its own program on its own scenarios, whose checkers say
 * what the run shows. A `sim` block names it as it names an exercise; ids are unique among both.
 */
export interface Demo extends Pick<Exercise, 'id' | 'title' | 'scenarios' | 'instrument'> {
  program: NodeClass;
}
