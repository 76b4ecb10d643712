import type { Exercise } from '../src/grader';

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
}
