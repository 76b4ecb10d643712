import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileStamp } from './fileStamp';

export const PROGRESS_VERSION = 1;
export const PROGRESS_FILE = 'progress.json';

/** What the workbook remembers of one exercise. */
export interface ExerciseProgress {
  /** Each scenario's latest verdict: true if it passed. */
  scenarios: Record<string, boolean>;
  /** The best score the latest verdicts ever added up to. */
  best: number;
}

interface ProgressFile {
  version: number;
  exercises: Record<string, ExerciseProgress>;
}

/** The points each scenario of an exercise is worth. */
export interface ExercisePoints {
  id: string;
  scenarios: ReadonlyArray<{ name: string; points: number }>;
}

/** Why a progress file was set aside, for a warning that names both files. */
export interface SetAside {
  reason: 'corrupt' | 'future-version';
  file: string;
  movedTo: string;
}

/** How many of the exercise's scored scenarios a run graded: a partial run's score is not its own. */
export function scoredCoverage(
  exercise: ExercisePoints,
  graded: readonly string[],
): { graded: number; scored: number } {
  const scored = exercise.scenarios.filter((s) => s.points > 0);
  return { graded: scored.filter((s) => graded.includes(s.name)).length, scored: scored.length };
}

/** The score the latest verdicts add up to, out of the exercise's total. */
export function currentScore(
  exercise: ExercisePoints,
  progress: ExerciseProgress | undefined,
): { earned: number; max: number } {
  let earned = 0;
  let max = 0;
  for (const s of exercise.scenarios) {
    max += s.points;
    if (progress?.scenarios[s.name] === true) earned += s.points;
  }
  return { earned, max };
}

/**
 * True once the student's current file has a verdict to show. Nothing graded yet, or the file put
 * back to the starter, has none: a score then would be a guess, not a result.
 */
export function hasVerdicts(exercise: ExercisePoints, progress: ExerciseProgress | undefined): boolean {
  return progress !== undefined && exercise.scenarios.some((s) => s.name in progress.scenarios);
}

/** True once every scenario's latest verdict is a pass. */
export function allPassed(exercise: ExercisePoints, progress: ExerciseProgress | undefined): boolean {
  return progress !== undefined && exercise.scenarios.every((s) => progress.scenarios[s.name] === true);
}

/** How a store reaches its surroundings: the clock for names, and where to warn. */
export interface StoreOptions {
  now?: () => Date;
  /** A file this version cannot read was moved aside; the warning must name both files. */
  onSetAside?: (setAside: SetAside) => void;
}

/**
 * Progress kept as one JSON file. Every write goes to a temporary file that is then renamed over
 * the real one, so a crash mid-write leaves either the old file or the new one, never half of one.
 * Each change starts from the file as it is on disk, so windows sharing it do not undo each other.
 * A file this version cannot read is moved aside, not overwritten: nothing the student earned is lost.
 */
export class ProgressStore {
  private queue: Promise<unknown> = Promise.resolve();
  private writes = 0;
  private readonly listeners = new Set<() => void>();
  private exercises = new Map<string, ExerciseProgress>();

  private constructor(
    private readonly dir: string,
    private readonly options: StoreOptions,
  ) {}

  static async open(dir: string, options: StoreOptions = {}): Promise<ProgressStore> {
    const store = new ProgressStore(dir, options);
    await store.enqueue(() => store.reload());
    return store;
  }

  get(exercise: string): ExerciseProgress | undefined {
    return this.exercises.get(exercise);
  }

  /** Calls `listener` after every change; returns the way to stop. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Takes in the verdicts of the scenarios just graded and saves. */
  record(
    exercise: ExercisePoints,
    verdicts: ReadonlyArray<{ name: string; passed: boolean }>,
  ): Promise<ExerciseProgress> {
    return this.enqueue(async () => {
      await this.reload();
      const before = this.exercises.get(exercise.id);
      const scenarios = { ...before?.scenarios };
      for (const v of verdicts) scenarios[v.name] = v.passed;
      const progress: ExerciseProgress = { scenarios, best: before?.best ?? 0 };
      progress.best = Math.max(progress.best, currentScore(exercise, progress).earned);
      this.exercises.set(exercise.id, progress);
      await this.write();
      for (const listener of this.listeners) listener();
      return progress;
    });
  }

  /**
   * The student's file was put back to the starter: its latest verdicts no longer describe it.
   * The best score stays, since it was earned.
   */
  forgetVerdicts(exercise: string): Promise<void> {
    return this.enqueue(async () => {
      await this.reload();
      const before = this.exercises.get(exercise);
      if (before === undefined) return;
      this.exercises.set(exercise, { scenarios: {}, best: before.best });
      await this.write();
      for (const listener of this.listeners) listener();
    });
  }

  /** Changes run one after another, each seeing the file the previous one left. */
  private enqueue<T>(change: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(change);
    this.queue = next;
    return next;
  }

  private get file(): string {
    return join(this.dir, PROGRESS_FILE);
  }

  private async reload(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const parsed = parseProgress(text);
    if (parsed.ok) {
      this.exercises = new Map(Object.entries(parsed.file.exercises));
      return;
    }
    const movedTo = join(this.dir, `progress.corrupt-${fileStamp((this.options.now ?? (() => new Date()))())}.json`);
    await rename(this.file, movedTo);
    this.options.onSetAside?.({ reason: parsed.reason, file: this.file, movedTo });
  }

  private async write(): Promise<void> {
    const file: ProgressFile = { version: PROGRESS_VERSION, exercises: Object.fromEntries(this.exercises) };
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `${PROGRESS_FILE}.${process.pid}-${++this.writes}.tmp`);
    await writeFile(temp, JSON.stringify(file, null, 2) + '\n', 'utf8');
    await rename(temp, this.file);
  }
}

type Parsed = { ok: true; file: ProgressFile } | { ok: false; reason: SetAside['reason'] };

function parseProgress(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  if (!isRecord(data) || typeof data.version !== 'number' || !Number.isInteger(data.version))
    return { ok: false, reason: 'corrupt' };
  if (data.version > PROGRESS_VERSION) return { ok: false, reason: 'future-version' };
  if (data.version < 1 || !isRecord(data.exercises)) return { ok: false, reason: 'corrupt' };
  for (const entry of Object.values(data.exercises)) {
    if (!isExerciseProgress(entry)) return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, file: data as unknown as ProgressFile };
}

function isExerciseProgress(value: unknown): value is ExerciseProgress {
  return (
    isRecord(value) &&
    typeof value.best === 'number' &&
    isRecord(value.scenarios) &&
    Object.values(value.scenarios).every((v) => typeof v === 'boolean')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
