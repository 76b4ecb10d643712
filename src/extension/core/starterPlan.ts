import { DECLARATIONS_FILE, shippedStarter, studentFile, TSCONFIG_FILE, type ExerciseLayout } from './exerciseFiles';
import { fileStamp } from './fileStamp';

/** The type declarations as built into the extension. */
export const SHIPPED_DECLARATIONS = 'dist/distsys.d.ts';

/** One file operation; `from` of an install is relative to the extension, every other path to the workspace folder. */
export type FileStep =
  | { kind: 'install'; from: string; to: string }
  | { kind: 'backup'; from: string; to: string }
  | { kind: 'write'; to: string; text: string };

export interface FilePlan {
  /** In order: a backup comes before the file it saves is replaced. */
  steps: FileStep[];
  /** The file to show the student afterwards. */
  open: string;
}

/** Lets the student's editor type-check against "distsys" with no project of its own. */
export const STUDENT_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: { target: 'ES2022', lib: ['ES2022'], module: 'commonjs', strict: true, noEmit: true, types: [] },
    include: ['**/*.ts'],
  },
  null,
  2,
)}\n`;

/**
 * Starting an exercise: the starter goes in only if the student has no file yet (an existing one is
 * opened, never replaced); the declarations are ours and always refreshed; a tsconfig the student
 * may have edited is kept.
 */
export function planStart(
  exercise: ExerciseLayout,
  exists: (path: string) => boolean,
  starter = shippedStarter(exercise),
): FilePlan {
  const student = studentFile(exercise);
  const steps: FileStep[] = [{ kind: 'install', from: SHIPPED_DECLARATIONS, to: DECLARATIONS_FILE }];
  if (!exists(TSCONFIG_FILE)) steps.push({ kind: 'write', to: TSCONFIG_FILE, text: STUDENT_TSCONFIG });
  if (!exists(student)) steps.push({ kind: 'install', from: starter, to: student });
  return { steps, open: student };
}

/** Resetting: the student's file is first saved beside itself, then the starter replaces it. */
export function planReset(
  exercise: ExerciseLayout,
  exists: (path: string) => boolean,
  now: Date,
  starter = shippedStarter(exercise),
): FilePlan {
  const student = studentFile(exercise);
  const start = planStart(exercise, exists, starter);
  if (!exists(student)) return start;
  return {
    steps: [
      ...start.steps,
      { kind: 'backup', from: student, to: backupName(student, now) },
      { kind: 'install', from: starter, to: student },
    ],
    open: student,
  };
}

/** `starter.ts` → `starter.backup-2024-05-01T12-30-05-123Z.ts`, beside it. */
export function backupName(path: string, now: Date): string {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  const [stem, ext] = dot > slash ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  return `${stem}.backup-${fileStamp(now)}${ext}`;
}
