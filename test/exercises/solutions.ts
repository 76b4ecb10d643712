/**
 * An exercise's programs as the tests load them: the reference solution, correct solutions written
 * another way (`alternatives/<name>.ts`, so the checkers are not fitted to one solution's habits),
 * and the buggy variants.
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

export function referenceSolution(exerciseId: string): SolutionSource {
  return {
    name: 'reference',
    file: 'reference.ts',
    source: readFileSync(join(exerciseTestDir(exerciseId), 'reference.ts'), 'utf8'),
  };
}

/** Other correct solutions, if the exercise has any: they must pass as the reference does. */
export function alternativeSolutions(exerciseId: string): SolutionSource[] {
  const dir = join(exerciseTestDir(exerciseId), 'alternatives');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.ts'.length), file, source: readFileSync(join(dir, file), 'utf8') }));
}

/** The names of the variants on disk, sorted. */
export function buggyVariantNames(exerciseId: string): string[] {
  const dir = join(exerciseTestDir(exerciseId), 'buggy');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .map((f) => f.slice(0, -'.patch'.length))
    .sort();
}

export function buggyVariant(exerciseId: string, name: string): SolutionSource {
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
