import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { referenceFile } from '../exercises/solutions';
import type { ReferenceSources } from './determinismRuns';

/** The reference solutions of the catalog, read from disk: what the bundle embeds. */
export function readReferences(): ReferenceSources {
  const sources: ReferenceSources = {};
  for (const exercise of exercises) {
    const file = join(__dirname, '..', 'exercises', exercise.id, referenceFile(exercise.id));
    if (existsSync(file)) sources[exercise.id] = readFileSync(file, 'utf8');
  }
  return sources;
}

export const bundlePath = join(__dirname, '..', '..', 'dist', 'browser', 'determinism.js');

/** The bundle's text; a clear message when the build has not run. */
export function readBundle(): string {
  if (!existsSync(bundlePath))
    throw new Error(`${bundlePath} is missing: run \`npm run build\` first (npm test and npm run test:browser do)`);
  return readFileSync(bundlePath, 'utf8');
}
