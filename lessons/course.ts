/**
 * The course as a student walks it: modules of lessons, each lesson with its exercises. Titles come
 * in every language the lessons are written in; exercise ids are those of `lessons/catalog.ts`.
 */

export type LessonLanguage = 'en' | 'zh-cn';

export type Localized = Record<LessonLanguage, string>;

export interface CourseLesson {
  /** The lesson folder under `lessons/`: "01-raft-election". */
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

export const course: CourseModule[] = [
  {
    id: 'consensus',
    title: { en: 'Consensus and coordination', 'zh-cn': '共识与协调' },
    lessons: [
      {
        folder: '01-raft-election',
        title: { en: 'Raft leader election', 'zh-cn': 'Raft 领导者选举' },
        exercises: ['raft-election'],
      },
    ],
  },
  {
    id: 'transactions',
    title: { en: 'Distributed transactions', 'zh-cn': '分布式事务' },
    lessons: [
      {
        folder: '02-two-phase-commit',
        title: { en: 'Two-phase commit', 'zh-cn': '两阶段提交' },
        exercises: ['two-phase-commit'],
      },
    ],
  },
];

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
