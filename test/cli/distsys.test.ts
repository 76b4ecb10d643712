import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { Trace } from '../../src/kernel';
import { version } from '../../package.json';
import { buggyVariants } from '../exercises/solutions';
import { distsys, distsysIntoClosedPipe, ensureBuilt } from './fixtures/harness';

const RAFT_REFERENCE = 'test/exercises/raft-election/reference.ts';
const BREAK_BULLY_REFERENCE = 'test/exercises/break-bully/reference.faults.json';
const scratch = (): string => mkdtempSync(join(tmpdir(), 'distsys-bin-'));
const hashOf = (stdout: string): string => {
  const match = /^hash: ([0-9a-f]{16})$/m.exec(stdout);
  assert.ok(match, `no hash in:\n${stdout}`);
  return match[1] as string;
};
/** A user error is one line on stderr, never a Node stack. */
const oneLine = (stderr: string): void => {
  assert.equal(stderr.split('\n').filter(Boolean).length, 1, stderr);
  assert.doesNotMatch(stderr, /^\s+at /m);
};

describe('distsys command (node bin/distsys.js, the real catalog)', () => {
  before(function () {
    this.timeout(120_000);
    ensureBuilt();
  });

  it('prints its usage for help, --help and -h, and its version for --version', () => {
    for (const flag of ['help', '--help', '-h']) {
      const { code, stdout } = distsys([flag]);
      assert.equal(code, 0);
      assert.match(stdout, /^Usage:\n {2}distsys list\n {2}distsys grade <exercise>/m);
    }
    assert.equal(distsys(['--version']).stdout, `${version}\n`);
  });

  it('lists every exercise with its lesson, scenario count and scenario names', () => {
    const { code, stdout } = distsys(['list']);
    assert.equal(code, 0);
    const lines = stdout.split('\n').map((l) => l.trim());
    for (const e of exercises) {
      const heading = lines.findIndex(
        (l) =>
          l.startsWith(`${e.id} `) &&
          l.endsWith(
            ` ${e.title} — lesson ${e.lesson}, ${e.scenarios.length} scenario${e.scenarios.length === 1 ? '' : 's'}`,
          ),
      );
      assert.ok(heading >= 0, `no line for ${e.id} in:\n${stdout}`);
      assert.equal(lines[heading + 1], e.scenarios.map((s) => s.name).join(', '));
    }
  });

  it('grades the raft-election reference with full marks and exit 0', () => {
    const { code, stdout, stderr } = distsys(['grade', 'raft-election', '--file', RAFT_REFERENCE, '--seeds', '3']);
    assert.equal(stderr, '');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^Score: (\d+)\/\1 points — (\d+) of \2 scenarios passed$/m);
  });

  it('fails a buggy raft-election program with exit 1', () => {
    const [buggy] = buggyVariants('raft-election');
    assert.ok(buggy, 'no buggy raft-election program');
    const file = join(scratch(), buggy.file);
    writeFileSync(file, buggy.source);
    const { code, stdout } = distsys(['grade', 'raft-election', '--file', file]);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^ {2}FAIL /m);
  });

  it('grades a break-bully fault schedule: a schedule that splits Bully passes with how, one that does not fails, one against the rules is refused', () => {
    const passed = distsys(['grade', 'break-bully', '--file', BREAK_BULLY_REFERENCE, '--seeds', '3']);
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /note: the schedule broke it: n5 and n4 both led from \d+ ms/);
    const starter = distsys(['grade', 'break-bully', '--seeds', '3']);
    assert.equal(starter.code, 1, starter.stdout);
    assert.match(starter.stdout, /it held for the whole run, to 4000 ms: leaders in turn: n5/);
    assert.doesNotMatch(starter.stdout, /shrunk:/);
    const file = join(scratch(), 'crashes.faults.json');
    writeFileSync(file, JSON.stringify(['n3', 'n4', 'n5'].map((node) => ({ at: 1000, kind: 'crash', node }))));
    const refused = distsys(['grade', 'break-bully', '--file', file]);
    assert.equal(refused.code, 2);
    oneLine(refused.stderr);
    assert.match(refused.stderr, /rule "few-crashes" \(at most 2 nodes crash\): it crashes n3, n4, n5/);
  });

  it('prints the two-phase-commit reference report as JSON with the full score', () => {
    const { code, stdout } = distsys([
      'grade',
      'two-phase-commit',
      '--file',
      'test/exercises/two-phase-commit/reference.ts',
      '--seeds',
      '2',
      '--json',
    ]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { score: number; maxScore: number; seeds: number[] };
    assert.ok(report.maxScore > 0);
    assert.equal(report.score, report.maxScore);
    assert.deepEqual(report.seeds, [1, 2]);
  });

  it("grades the exercise's starter when no file is given", () => {
    const { code, stdout } = distsys(['grade', 'raft-election', '--seed', '1', '--scenario', 'initial-election']);
    assert.notEqual(code, 2);
    assert.match(
      stdout,
      /^Raft leader election \(raft-election\) — lessons\/06-leader-election\/starter\.ts, seed 1$/m,
    );
  });

  it('writes the report in Chinese with --lang zh-cn or a Chinese LANG, and refuses a language it does not speak', () => {
    const args = ['grade', 'raft-election', '--seed', '1', '--scenario', 'initial-election'];
    const flagged = distsys([...args, '--lang', 'zh-cn'], { LANG: 'C.UTF-8' });
    const fromEnvironment = distsys(args, { LANG: 'zh_CN.UTF-8', LC_ALL: '' });
    for (const { code, stdout } of [flagged, fromEnvironment]) {
      assert.equal(code, 1, stdout);
      assert.match(stdout, /^Raft 领导者选举 \(raft-election\) — .*, 种子 1$/m);
      assert.match(stdout, /FAIL {2}initial-election +0\/10 分 {2}可靠网络上的三个节点在 2 s 内选出一个领导者/);
      assert.match(stdout, /^ {8}种子 1 · 网络稳定之后 2000 ms 内选出领导者/m);
      assert.match(stdout, /^得分：0\/10 分——1 个场景通过了 0 个$/m);
    }
    assert.match(distsys([...args, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }).stdout, /^Score: 0\/10 points/m);
    const bad = distsys([...args, '--lang', 'fr']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'distsys: --lang must be en or zh-cn, got "fr"\n');
  });

  it('prints the same 16-hex trace hash for the same seed, and writes a trace file with that hash', () => {
    const trace = join(scratch(), 'leader-crash-3.json');
    const args = ['run', 'raft-election', '--scenario', 'leader-crash', '--seed', '3', '--file', RAFT_REFERENCE];
    const first = distsys([...args, '--trace', trace]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const second = distsys(args);
    assert.equal(hashOf(second.stdout), hashOf(first.stdout));
    const parsed = Trace.parse(readFileSync(trace, 'utf8'));
    assert.equal(parsed.hash, hashOf(first.stdout));
    assert.equal(parsed.trace.hash(), parsed.hash);
    assert.equal(parsed.footer.passed, true);
  });

  it('says, for a scenario graded by a search too, that `run` ran its run only, and which command runs both', () => {
    const args = ['run', 'raft-election', '--scenario', 'exhaustive-3-nodes', '--seed', '1', '--file', RAFT_REFERENCE];
    const { code, stdout } = distsys(args);
    assert.equal(code, 0, stdout);
    assert.match(
      stdout,
      /^search: once this run passes, the scenario also searches every order of its first 5 choices; this command ran the run only\. Both: npx distsys grade raft-election --scenario exhaustive-3-nodes --file test\/exercises\/raft-election\/reference\.ts$/m,
    );
    assert.doesNotMatch(
      distsys(['run', 'raft-election', '--scenario', 'leader-crash', '--seed', '1']).stdout,
      /^search:/m,
    );
  });

  it('suggests the nearest exercise for a misspelt one and exits 2', () => {
    const { code, stdout, stderr } = distsys(['grade', 'raft-elektion']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'distsys: unknown exercise "raft-elektion"; did you mean "raft-election"? (distsys list shows all)\n',
    );
  });

  it('refuses an unknown command, an unknown flag and a missing file in one line each', () => {
    for (const args of [
      ['grdae'],
      ['grade', 'raft-election', '--sedes', '3'],
      ['grade', 'raft-election', '--file', 'no/such/file.ts'],
      ['run', 'raft-election', '--scenario', 'leader-crash', '--seed', 'three'],
    ]) {
      const { code, stderr } = distsys(args);
      assert.equal(code, 2, args.join(' '));
      oneLine(stderr);
    }
    assert.match(
      distsys(['grade', 'raft-election', '--file', 'no/such/file.ts']).stderr,
      /^distsys: cannot read no\/such\/file\.ts: no such file$/m,
    );
  });

  it('reports a syntax error in the student file as file:line:col and exits 2', () => {
    const file = join(scratch(), 'node.ts');
    writeFileSync(file, 'export default class Node {\n  onStart(): void {\n    if (\n  }\n}\n');
    const { code, stderr } = distsys(['grade', 'raft-election', '--file', file]);
    assert.equal(code, 2);
    oneLine(stderr);
    assert.ok(stderr.startsWith(`distsys: ${file}:4:`), stderr);
    assert.match(stderr, /: syntax error: /);
  });

  it('ends a handler that runs while(true){} with a timeout verdict within the budget', () => {
    const file = join(scratch(), 'spin.ts');
    writeFileSync(
      file,
      'export default class Spin {\n  constructor(private ctx: unknown) {}\n  onStart(): void {\n    while (true) {}\n  }\n  onMessage(): void {}\n  onTimer(): void {}\n}\n',
    );
    const { code, stdout } = distsys([
      'grade',
      'raft-election',
      '--file',
      file,
      '--scenario',
      'initial-election',
      '--budget',
      '1500',
    ]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /seed 1 · each handler returns: seed 1 of initial-election did not finish within 1500 ms of real time: n1 was still running onStart/,
    );
  });

  it("fails a handler that throws and shows the student's line", () => {
    const file = join(scratch(), 'throws.ts');
    writeFileSync(
      file,
      'export default class Throws {\n  onStart(): void {\n    throw new RangeError("term out of range");\n  }\n  onMessage(): void {}\n  onTimer(): void {}\n}\n',
    );
    const { code, stdout } = distsys([
      'run',
      'raft-election',
      '--file',
      file,
      '--scenario',
      'initial-election',
      '--seed',
      '1',
    ]);
    assert.equal(code, 1);
    assert.match(stdout, /threw RangeError in onStart at 0 ms \(.*throws\.ts:3:\d+\): term out of range/);
    assert.match(stdout, /^ {6}at Throws\.onStart \(.*throws\.ts:3:\d+\)$/m);
  });

  it('ends quietly with exit 0 when the reader closes the pipe early, as `distsys … | head` does', async () => {
    const commands = [
      ['help'],
      ['run', 'raft-election', '--scenario', 'leader-crash', '--seed', '3', '--file', RAFT_REFERENCE],
      ['grade', 'raft-election', '--file', 'lessons/06-leader-election/starter.ts', '--seeds', '1'],
    ];
    for (const args of commands) {
      const { code, stderr } = await distsysIntoClosedPipe(args);
      assert.equal(stderr, '', args.join(' '));
      assert.equal(code, 0, args.join(' '));
    }
  });
});
