/**
 * Where a student's copy of an exercise lives in the workspace: `distsys/<exercise>/<starter name>`,
 * next to the type declarations and the tsconfig that give it IntelliSense. Paths are relative to the
 * workspace folder, with forward slashes.
 */

export const STUDENT_ROOT = 'distsys';
export const DECLARATIONS_FILE = `${STUDENT_ROOT}/distsys.d.ts`;
export const TSCONFIG_FILE = `${STUDENT_ROOT}/tsconfig.json`;

/** What locating an exercise needs of it. */
export interface ExerciseLayout {
  id: string;
  lesson: string;
  /** The starter, relative to the lesson folder. */
  starter: string;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The student's file of an exercise. */
export function studentFile(exercise: ExerciseLayout): string {
  return `${STUDENT_ROOT}/${exercise.id}/${baseName(exercise.starter)}`;
}

/**
 * The starter as shipped with the extension, relative to the extension's root; in another
 * language, its translation beside it (`starter.zh-cn.ts`: the same code, its comments translated).
 */
export function shippedStarter(exercise: ExerciseLayout, language: 'en' | 'zh-cn' = 'en'): string {
  const starter = language === 'en' ? exercise.starter : exercise.starter.replace(/\.ts$/, `.${language}.ts`);
  return `lessons/${exercise.lesson}/${starter}`;
}

/** The exercise whose student file this is (a backup beside it is not). */
export function exerciseOfPath<E extends ExerciseLayout>(path: string, exercises: readonly E[]): E | undefined {
  const normal = path.replace(/\\/g, '/');
  return exercises.find((e) => studentFile(e) === normal);
}
