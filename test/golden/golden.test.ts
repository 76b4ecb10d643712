import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenRuns, type GoldenRun } from './goldenRuns';

describe('golden trace hashes', () => {
  it('every pinned run gives the trace hash, length and verdict recorded in hashes.json', () => {
    const pinned = JSON.parse(readFileSync(join(__dirname, 'hashes.json'), 'utf8')) as Record<string, GoldenRun>;
    const now = goldenRuns();
    assert.deepEqual(
      Object.keys(now).sort(),
      Object.keys(pinned).sort(),
      'the set of pinned runs changed: run `npm run golden:update` and say why in the commit',
    );
    const moved = Object.keys(pinned).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(pinned[k]));
    assert.deepEqual(
      moved.slice(0, 10).map((k) => `${k}: ${JSON.stringify(pinned[k])} → ${JSON.stringify(now[k])}`),
      [],
      `${moved.length} of ${Object.keys(pinned).length} runs moved; if that is intended, run \`npm run golden:update\` and say why in the commit`,
    );
  });
});
