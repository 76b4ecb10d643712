import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { applyPatch } from '../exercises/applyPatch';
import { fixtureCli, ROOT } from './fixtures/harness';
import { searchedPingPong } from './fixtures/searchedPingPong';

const raftDir = join(ROOT, 'test', 'exercises', 'raft-election');
const reference = join('test', 'exercises', 'raft-election', 'reference.ts');

/** A buggy variant written to a file of its own, as a student's would be. */
function variantFile(variant: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'distsys-explore-')), `${variant}.ts`);
  const source = readFileSync(join(raftDir, 'reference.ts'), 'utf8');
  writeFileSync(file, applyPatch(source, readFileSync(join(raftDir, 'buggy', `${variant}.patch`), 'utf8')));
  return file;
}

const doubleVoteFile = (): string => variantFile('double-vote');

const explore = (args: string[]) => fixtureCli(['explore', ...args], { exercises });

describe('distsys explore (in-process, the real catalog)', () => {
  it('exits 1 with the invariant broken and the shortest schedule as numbered steps', async () => {
    const { code, stdout } = await explore(['raft-election', '--file', doubleVoteFile(), '--depth', '4']);
    assert.equal(code, 1);
    assert.match(stdout, /^3 nodes, depth 4, breadth-first; faults: crash 0, drop 0, duplicate 0$/m);
    assert.match(stdout, /^FAIL {2}vote-once: /m);
    assert.match(
      stdout,
      /the shortest schedule that breaks it \(3 choices, every node started first\):\n {2}1\. fire n1's election timer\n {2}2\. fire n2's election timer\n {2}3\. deliver RequestVote n1→n2 \(term 1, candidateId n1\)\n/,
    );
    assert.match(stdout, /^states: \d+ explored, \d+ distinct, depth reached 3, [\d,]+ states\/s$/m);
  });

  it('exits 0 when no state within the bounds breaks an invariant, and says every state was explored', async () => {
    const { code, stdout } = await explore([
      'raft-election',
      '--file',
      reference,
      '--depth',
      '3',
      '--faults',
      'crash=1',
    ]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^3 nodes, depth 3, breadth-first; faults: crash 1, drop 0, duplicate 0$/m);
    assert.match(stdout, /^PASS {2}no invariant broken within 3 choices \(every state explored\)$/m);
  });

  it('prints JSON with the schedule as choices a replay takes', async () => {
    const { code, stdout } = await explore(['raft-election', '--file', doubleVoteFile(), '--depth', '3', '--json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as {
      mode: string;
      complete: boolean;
      violation: { checker: string; traceHash: string; schedule: Array<{ kind: string }> };
    };
    assert.equal(report.mode, 'bfs');
    assert.equal(report.violation.checker, 'vote-once');
    assert.deepEqual(
      report.violation.schedule.map((c) => c.kind),
      ['timer', 'timer', 'deliver'],
    );
    assert.match(report.violation.traceHash, /^[0-9a-f]{16}$/);
  });

  it('names the processes beside the nodes, and finds a retry applied twice by a server that keeps no table', async () => {
    const kvDir = join(ROOT, 'test', 'exercises', 'exactly-once-kv');
    const file = join(mkdtempSync(join(tmpdir(), 'distsys-explore-')), 'no-dedup.ts');
    const source = readFileSync(join(kvDir, 'reference.ts'), 'utf8');
    writeFileSync(file, applyPatch(source, readFileSync(join(kvDir, 'buggy', 'no-dedup.patch'), 'utf8')));
    const { code, stdout } = await explore(['exactly-once-kv', '--file', file, '--depth', '5']);
    assert.equal(code, 1);
    assert.match(stdout, /^1 node and 2 processes \(c1, c2\), depth 5, breadth-first; /m);
    assert.match(stdout, /^FAIL {2}no-duplicate-effect: /m);
  });

  it('shares the search between worker threads with --workers, and reports what one worker does', async () => {
    // Its double vote takes 5 choices: found after the search was split between the two.
    for (const file of [variantFile('volatile-voted-for'), reference]) {
      const args = ['raft-election', '--file', file, '--depth', '5', '--faults', 'crash=1', '--json'];
      const one = await explore(args);
      const shared = await explore([...args, '--workers', '2']);
      assert.equal(shared.code, one.code, shared.stderr);
      assert.deepEqual(JSON.parse(shared.stdout), JSON.parse(one.stdout));
      assert.equal(shared.stderr, one.stderr, 'the same progress, depth by depth');
    }
  });

  it('walks at random with --mode random', async () => {
    const { code, stdout } = await explore([
      'raft-election',
      '--file',
      doubleVoteFile(),
      '--mode',
      'random',
      '--walks',
      '20',
    ]);
    assert.equal(code, 1);
    assert.match(stdout, /^3 nodes, depth 24, 20 random walks; /m);
    assert.match(stdout, /^the schedule that breaks it \(\d+ choices/m);
  });

  it('runs the search in a worker under --timeout: a handler that never returns is stopped, naming the file and the handler', async () => {
    const file = join('test', 'cli', 'fixtures', 'programs', 'lateLoop.ts');
    const { code, stdout, stderr } = await fixtureCli(
      ['explore', 'searched-ping-pong', '--file', file, '--timeout', '1'],
      { exercises: [...exercises, searchedPingPong] },
    );
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      new RegExp(
        `^distsys explore: the search of ${file.replace(/[.\\/]/g, '\\$&')} did not finish within 1 s of real time: n\\d was still running onTimer\\("late"\\).* \\(raise it with --timeout, now 1 s\\)$`,
        'm',
      ),
    );
  });

  it('stops a search shared between workers under --timeout too, naming the handler that never returned', async () => {
    const file = join('test', 'cli', 'fixtures', 'programs', 'lateLoop.ts');
    const { code, stderr } = await fixtureCli(
      ['explore', 'searched-ping-pong', '--file', file, '--timeout', '1', '--workers', '2'],
      { exercises: [...exercises, searchedPingPong] },
    );
    assert.equal(code, 1);
    assert.match(stderr, /did not finish within 1 s of real time: n\d was still running onTimer\("late"\)/);
  });

  it('exits 2 naming what is wrong with a flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['raft-election', '--faults', 'crash=x'], /--faults: crash=x: the count must be a whole number from 0 to 1000/],
      [['raft-election', '--faults', 'flood=1'], /--faults: "flood=1" is not a fault and its count: write crash=N/],
      [['raft-election', '--mode', 'dfs'], /--mode must be bfs or random, got "dfs"/],
      [['raft-election', '--walks', '5'], /--walks applies to --mode random only/],
      [['raft-election', '--mode', 'random', '--workers', '2'], /--workers applies to --mode bfs only/],
      [['raft-election', '--workers', '0'], /--workers must be a whole number from 1 to 64, got "0"/],
      [['raft-election', '--nodes', '0'], /--nodes must be a whole number from 1 to 9, got "0"/],
      [['raft-election', '--timeout', '0'], /--timeout must be a whole number from 1 to 604800, got "0"/],
      [['failure-detector'], /has no invariants to search for; .*\. None of its rules is a safety property/],
      [
        ['break-bully'],
        /exercise "break-bully" takes a fault schedule, not a program: .*grade your schedule with `distsys grade break-bully`/,
      ],
      [[], /missing the exercise: distsys explore <exercise>/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await explore(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
    }
  });

  it('exits 2 for an exercise with no invariants to search, naming those that have them', async () => {
    const unsearched = exercises.map((e) => (e.id === 'unique-ids' ? { ...e, explore: undefined } : e));
    const { code, stderr } = await fixtureCli(['explore', 'unique-ids'], { exercises: unsearched });
    assert.equal(code, 2);
    assert.match(
      stderr,
      /exercise "unique-ids" has no invariants to search for; exhaustive search covers .*raft-election/,
    );
    assert.doesNotMatch(stderr, /covers .*unique-ids/);
  });
});
