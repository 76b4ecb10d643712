// Regenerates hashes.json: `npm run golden:update`. Commit the result on its own, saying why the runs moved.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenRuns } from './goldenRuns';

const runs = goldenRuns();
const sorted = Object.fromEntries(
  Object.keys(runs)
    .sort()
    .map((k) => [k, runs[k]]),
);
// One run per line: a diff shows exactly which runs moved.
const lines = Object.entries(sorted).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
writeFileSync(join(__dirname, 'hashes.json'), `{\n${lines.join(',\n')}\n}\n`);
console.log(`pinned ${Object.keys(runs).length} runs in test/golden/hashes.json`);
