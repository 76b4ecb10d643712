import type { CourseModule, LessonLanguage } from '../../../lessons/course';
import { allPassed, currentScore, hasVerdicts, type ExercisePoints, type ExerciseProgress } from './progress';
import type { Translate } from './translate';

export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed';

export interface ModuleNode {
  kind: 'module';
  id: string;
  label: string;
  lessons: LessonNode[];
}

export interface LessonNode {
  kind: 'lesson';
  folder: string;
  label: string;
  exercises: ExerciseNode[];
}

export interface ExerciseNode {
  kind: 'exercise';
  id: string;
  status: ExerciseStatus;
  /** False until the student's current file is graded: then there is no score to show. */
  graded: boolean;
  earned: number;
  max: number;
  best: number;
}

export type CourseNode = ModuleNode | LessonNode | ExerciseNode;

/** What the tree needs to know about the student's side. */
export interface CourseState {
  exercise(id: string): ExercisePoints | undefined;
  progress(id: string): ExerciseProgress | undefined;
  /** True when the student's copy of the exercise is in the workspace. */
  started(id: string): boolean;
}

/** The course in its manifest's order, each exercise with its status and score. */
export function buildCourseTree(
  course: readonly CourseModule[],
  state: CourseState,
  language: LessonLanguage,
): ModuleNode[] {
  return course.map((m) => ({
    kind: 'module',
    id: m.id,
    label: m.title[language],
    lessons: m.lessons.map((l) => ({
      kind: 'lesson',
      folder: l.folder,
      label: l.title[language],
      exercises: l.exercises.flatMap((id): ExerciseNode[] => {
        const exercise = state.exercise(id);
        if (exercise === undefined) return [];
        const progress = state.progress(id);
        const { earned, max } = currentScore(exercise, progress);
        return [
          {
            kind: 'exercise',
            id,
            status: exerciseStatus(exercise, progress, state.started(id)),
            graded: hasVerdicts(exercise, progress),
            earned,
            max,
            best: progress?.best ?? 0,
          },
        ];
      }),
    })),
  }));
}

/** Passed once every scenario passes; in progress once started or graded; else not started. */
export function exerciseStatus(
  exercise: ExercisePoints,
  progress: ExerciseProgress | undefined,
  started: boolean,
): ExerciseStatus {
  if (allPassed(exercise, progress)) return 'passed';
  return started || progress !== undefined ? 'in-progress' : 'not-started';
}

/** The short text beside an exercise: its status and score, best score when it is higher. */
export function exerciseDescription(node: ExerciseNode, t: Translate): string {
  if (node.status === 'not-started') return t('not started');
  if (!node.graded) return node.best > 0 ? t('not graded yet (best {0})', node.best) : t('not graded yet');
  const score = t('{0}/{1} points', node.earned, node.max);
  if (node.status === 'passed') return t('passed · {0}', score);
  return node.best > node.earned ? t('{0} (best {1})', score, node.best) : score;
}
