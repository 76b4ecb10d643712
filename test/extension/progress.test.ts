import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  allPassed,
  currentScore,
  hasVerdicts,
  PROGRESS_FILE,
  PROGRESS_VERSION,
  ProgressStore,
  scoredCoverage,
  type SetAside,
} from '../../src/extension/core/progress';

const exercise = {
  id: 'raft-election',
  scenarios: [
    { name: 'a', points: 10 },
    { name: 'b', points: 5 },
  ],
};
const noon = (): Date => new Date('2024-05-01T12:00:00.000Z');

/** Opens a store and collects what it set aside. */
async function open(dir: string): Promise<{ store: ProgressStore; setAside: SetAside[] }> {
  const setAside: SetAside[] = [];
  const store = await ProgressStore.open(dir, { now: noon, onSetAside: (s) => setAside.push(s) });
  return { store, setAside };
}

describe('extension: how much of an exercise a run graded', () => {
  const withOwnScenario = { ...exercise, scenarios: [...exercise.scenarios, { name: 'mine', points: 0 }] };
  it('counts only scored scenarios: a saved scenario of the student is worth nothing', () => {
    assert.deepEqual(scoredCoverage(withOwnScenario, ['mine']), { graded: 0, scored: 2 });
    assert.deepEqual(scoredCoverage(withOwnScenario, ['a']), { graded: 1, scored: 2 });
    assert.deepEqual(scoredCoverage(withOwnScenario, ['a', 'b', 'mine']), { graded: 2, scored: 2 });
  });
});

describe('extension: progress store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'distsys-progress-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty when there is no file yet', async () => {
    const { store, setAside } = await open(dir);
    assert.deepEqual(setAside, []);
    assert.equal(store.get('raft-election'), undefined);
  });

  it('reads back what it recorded, with the version in the file', async () => {
    const { store } = await open(dir);
    await store.record(exercise, [
      { name: 'a', passed: true },
      { name: 'b', passed: false },
    ]);
    const again = (await open(dir)).store;
    assert.deepEqual(again.get('raft-election'), { scenarios: { a: true, b: false }, best: 10 });
    const file = JSON.parse(await readFile(join(dir, PROGRESS_FILE), 'utf8')) as { version: number };
    assert.equal(file.version, PROGRESS_VERSION);
  });

  it('keeps each scenario latest verdict and the best score the verdicts ever added up to', async () => {
    const { store } = await open(dir);
    await store.record(exercise, [{ name: 'a', passed: true }]);
    await store.record(exercise, [{ name: 'b', passed: true }]);
    assert.deepEqual(currentScore(exercise, store.get(exercise.id)), { earned: 15, max: 15 });
    assert.equal(allPassed(exercise, store.get(exercise.id)), true);
    await store.record(exercise, [{ name: 'a', passed: false }]);
    assert.deepEqual(store.get(exercise.id), { scenarios: { a: false, b: true }, best: 15 });
    assert.equal(allPassed(exercise, store.get(exercise.id)), false);
  });

  it('has no verdicts before a grade, nor after the file is put back to the starter, and keeps the best', async () => {
    const { store } = await open(dir);
    assert.equal(hasVerdicts(exercise, store.get(exercise.id)), false);
    await store.record(exercise, [
      { name: 'a', passed: true },
      { name: 'b', passed: true },
    ]);
    assert.equal(hasVerdicts(exercise, store.get(exercise.id)), true);
    await store.forgetVerdicts(exercise.id);
    const again = (await open(dir)).store;
    assert.deepEqual(again.get(exercise.id), { scenarios: {}, best: 15 });
    assert.equal(hasVerdicts(exercise, again.get(exercise.id)), false);
    assert.equal(allPassed(exercise, again.get(exercise.id)), false);
  });

  it('writes through a temporary file and leaves none behind', async () => {
    const { store } = await open(dir);
    await Promise.all([
      store.record(exercise, [{ name: 'a', passed: true }]),
      store.record(exercise, [{ name: 'b', passed: true }]),
    ]);
    assert.deepEqual(await readdir(dir), [PROGRESS_FILE]);
    assert.deepEqual((await open(dir)).store.get(exercise.id)?.scenarios, { a: true, b: true });
  });

  it('keeps the last complete file when a write dies before its rename', async () => {
    const { store } = await open(dir);
    await store.record(exercise, [{ name: 'a', passed: true }]);
    // What a crash between the two steps of a write leaves: a half-written temporary file.
    await writeFile(join(dir, `${PROGRESS_FILE}.999-1.tmp`), '{"version": 1, "exer');
    const { store: again, setAside } = await open(dir);
    assert.deepEqual(setAside, []);
    assert.deepEqual(again.get(exercise.id)?.scenarios, { a: true });
  });

  it('moves a corrupt file aside, names it, and starts empty', async () => {
    await writeFile(join(dir, PROGRESS_FILE), '{"version": 1, "exercises": {"raft-election": ');
    const { store, setAside } = await open(dir);
    assert.equal(store.get('raft-election'), undefined);
    const movedTo = join(dir, 'progress.corrupt-2024-05-01T12-00-00-000Z.json');
    assert.deepEqual(setAside, [{ reason: 'corrupt', file: join(dir, PROGRESS_FILE), movedTo }]);
    assert.equal(await readFile(movedTo, 'utf8'), '{"version": 1, "exercises": {"raft-election": ');
    assert.deepEqual(await readdir(dir), ['progress.corrupt-2024-05-01T12-00-00-000Z.json']);
  });

  it('treats well-formed JSON of the wrong shape as corrupt', async () => {
    await writeFile(
      join(dir, PROGRESS_FILE),
      JSON.stringify({ version: 1, exercises: { 'raft-election': { scenarios: { a: 'yes' }, best: 3 } } }),
    );
    const { setAside } = await open(dir);
    assert.deepEqual(
      setAside.map((s) => s.reason),
      ['corrupt'],
    );
  });

  it('moves a file from a newer version aside rather than overwrite it', async () => {
    const future = JSON.stringify({ version: PROGRESS_VERSION + 1, exercises: {}, badges: [] });
    await writeFile(join(dir, PROGRESS_FILE), future);
    const { store, setAside } = await open(dir);
    assert.deepEqual(
      setAside.map((s) => s.reason),
      ['future-version'],
    );
    const movedTo = setAside[0]?.movedTo ?? '';
    assert.equal(await readFile(movedTo, 'utf8'), future);
    await store.record(exercise, [{ name: 'a', passed: true }]);
    assert.equal(await readFile(movedTo, 'utf8'), future);
    assert.deepEqual((await open(dir)).store.get(exercise.id)?.scenarios, { a: true });
  });

  it('starts each change from the file on disk, so two windows sharing it keep both their verdicts', async () => {
    const first = (await open(dir)).store;
    const second = (await open(dir)).store;
    await first.record(exercise, [{ name: 'a', passed: true }]);
    await second.record({ id: 'two-phase-commit', scenarios: [{ name: 'happy-path', points: 10 }] }, [
      { name: 'happy-path', passed: true },
    ]);
    const both = (await open(dir)).store;
    assert.deepEqual(both.get(exercise.id)?.scenarios, { a: true });
    assert.deepEqual(both.get('two-phase-commit')?.scenarios, { 'happy-path': true });
  });

  it('tells listeners about every change', async () => {
    const { store } = await open(dir);
    let calls = 0;
    const listening = store.onDidChange(() => calls++);
    await store.record(exercise, [{ name: 'a', passed: true }]);
    listening.dispose();
    await store.record(exercise, [{ name: 'b', passed: true }]);
    assert.equal(calls, 1);
  });
});
