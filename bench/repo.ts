import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root: the bench runs as dist/bench.js. */
export const repoRoot = join(__dirname, '..');

/** The reference solution of an exercise, as source text, or undefined when there is none. */
export function referenceSource(exerciseId: string): { file: string; source: string } | undefined {
  const file = join(repoRoot, 'test', 'exercises', exerciseId, 'reference.ts');
  return existsSync(file) ? { file, source: readFileSync(file, 'utf8') } : undefined;
}
