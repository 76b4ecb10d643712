/**
 * An exercise's programs as the tests load them: the reference solution, correct solutions written
 * another way (`alternatives/<name>.ts`, so the checkers are not fitted to one solution's habits),
 * and the buggy variants. An exercise whose submission is a fault schedule has schedules instead:
 * `reference.faults.json`, `alternatives/<name>.faults.json`, and `buggy/<name>.faults.json`, each
 * whole (a schedule is a few lines: a patch would be longer than what it shows).
 * A variant is stored as a patch against the reference (`buggy/<name>.patch`), so it shows one
 * mistake and follows every fix to the reference; it is loaded as `<name>.ts`, the file name its
 * stacks, and so its golden trace hashes, carry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch } from './applyPatch';

export interface SolutionSource {
  /** "reference", or the alternative's or variant's name: "double-vote". */
  name: string;
  /** The file name the program is loaded as: "reference.ts", "double-vote.ts". */
  file: string;
  source: string;
}

/** test/exercises/<id>/ */
export function exerciseTestDir(exerciseId: string): string {
  return join(__dirname, exerciseId);
}

/** What a schedule exercise's files end in. */
export const SCHEDULE_EXTENSION = '.faults.json';

/** The reference's file name: `reference.ts`, or `reference.faults.json` when the exercise takes a schedule. */
export function referenceFile(exerciseId: string): string {
  const schedule = `reference${SCHEDULE_EXTENSION}`;
  return existsSync(join(exerciseTestDir(exerciseId), schedule)) ? schedule : 'reference.ts';
}

export function referenceSolution(exerciseId: string): SolutionSource {
  const file = referenceFile(exerciseId);
  return { name: 'reference', file, source: readFileSync(join(exerciseTestDir(exerciseId), file), 'utf8') };
}

/** The extension of the exercise's solutions and variants: `.ts`, or `.faults.json`. */
function extensionOf(exerciseId: string): string {
  return referenceFile(exerciseId).endsWith(SCHEDULE_EXTENSION) ? SCHEDULE_EXTENSION : '.ts';
}

/** Other correct solutions, if the exercise has any: they must pass as the reference does. */
export function alternativeSolutions(exerciseId: string): SolutionSource[] {
  const dir = join(exerciseTestDir(exerciseId), 'alternatives');
  if (!existsSync(dir)) return [];
  const extension = extensionOf(exerciseId);
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((file) => ({ name: file.slice(0, -extension.length), file, source: readFileSync(join(dir, file), 'utf8') }));
}

/** The names of the variants on disk, sorted. */
export function buggyVariantNames(exerciseId: string): string[] {
  const dir = join(exerciseTestDir(exerciseId), 'buggy');
  if (!existsSync(dir)) return [];
  const extension = extensionOf(exerciseId) === SCHEDULE_EXTENSION ? SCHEDULE_EXTENSION : '.patch';
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .map((f) => f.slice(0, -extension.length))
    .sort();
}

export function buggyVariant(exerciseId: string, name: string): SolutionSource {
  if (extensionOf(exerciseId) === SCHEDULE_EXTENSION) {
    const file = `${name}${SCHEDULE_EXTENSION}`;
    return { name, file, source: readFileSync(join(exerciseTestDir(exerciseId), 'buggy', file), 'utf8') };
  }
  const patch = readFileSync(join(exerciseTestDir(exerciseId), 'buggy', `${name}.patch`), 'utf8');
  try {
    return { name, file: `${name}.ts`, source: applyPatch(referenceSolution(exerciseId).source, patch) };
  } catch (error) {
    throw new Error(
      `test/exercises/${exerciseId}/buggy/${name}.patch no longer applies to reference.ts: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function buggyVariants(exerciseId: string): SolutionSource[] {
  return buggyVariantNames(exerciseId).map((name) => buggyVariant(exerciseId, name));
}
