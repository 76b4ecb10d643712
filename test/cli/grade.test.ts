import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { GradeReport } from '../../src/grader';
import { fixtureCli, program, ROOT } from './fixtures/harness';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'distsys-cli-'));
/** Starts a terminal colour sequence. */
const ESC = '\u001b[';

describe('distsys grade (in-process, fixture catalog)', () => {
  it('prints the score table and exits 0 when every scenario passes', async () => {
    const { code, stdout, stderr } = await fixtureCli([
      'grade',
      'ping-pong',
      '--file',
      program('retrying'),
      '--seeds',
      '3',
    ]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(
      stdout,
      /^Ping pong \(ping-pong\) — test\/cli\/fixtures\/programs\/retrying\.ts, 3 seeds per scenario/,
    );
    assert.match(stdout, /Score: 10\/10 points — 3 of 3 scenarios passed/);
    assert.ok(!stdout.includes(ESC), stdout);
  });

  it('exits 1 and explains a failure once, giving each failing scenario its seed, shrunk schedule and replay', async () => {
    const { code, stdout } = await fixtureCli(['grade', 'ping-pong', '--file', program('once'), '--seeds', '3']);
    assert.equal(code, 1);
    assert.match(stdout, /PASS {2}calm +2\/2 pts/);
    assert.match(
      stdout,
      /FAIL {2}lossy +0\/3 pts .*\n {8}seed \d+ · every node hears a pong from every peer: n\d never heard a pong from .*\n {8}the same failure in 1 more scenario: crash\n/,
    );
    assert.match(
      stdout,
      /FAIL {2}crash +0\/5 pts .*\n {8}seed \d+ · the same failure as lossy, above\n {8}shrunk: 4 → \d faults/,
    );
    assert.equal(stdout.match(/never heard a pong/g)?.length, 1, stdout);
    assert.match(
      stdout,
      /replay: npx distsys run ping-pong --scenario crash --seed \d+ --file test\/cli\/fixtures\/programs\/once\.ts/,
    );
    assert.match(stdout, /Score: 2\/10/);
  });

  it("grades the exercise's starter when no file is given", async () => {
    const { code, stdout } = await fixtureCli(['grade', 'ping-pong', '--seed', '1']);
    assert.equal(code, 1);
    assert.match(stdout, /— test\/cli\/fixtures\/lessons\/00-ping-pong\/starter\.ts, seed 1/);
  });

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await fixtureCli([
      'grade',
      'ping-pong',
      '--file',
      program('once'),
      '--seeds',
      '2',
      '--json',
    ]);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as GradeReport;
    assert.equal(report.exercise, 'ping-pong');
    assert.equal(report.score, 2);
    assert.equal(report.maxScore, 10);
    assert.deepEqual(report.seeds, [1, 2]);
    assert.equal(report.scenarios.find((s) => s.name === 'lossy')?.failure?.checker, 'every-pong');
    // The table tells crash's failure by pointing at lossy's; the report keeps crash's own.
    assert.match(report.scenarios.find((s) => s.name === 'crash')?.failure?.explanation ?? '', /never heard a pong/);
  });

  it('writes JUnit XML with a failure per failing scenario and still prints the table', async () => {
    const out = join(relative(ROOT, scratch()), 'report.xml');
    const { code, stdout } = await fixtureCli([
      'grade',
      'ping-pong',
      '--file',
      program('once'),
      '--seeds',
      '2',
      '--junit',
      out,
    ]);
    assert.equal(code, 1);
    assert.match(stdout, /Score: 2\/10/);
    const xml = readFileSync(join(ROOT, out), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="distsys" tests="3" failures="2">/);
    assert.equal(xml.match(/<testcase /g)?.length, 3);
    assert.equal(
      xml.match(/<failure message="every node hears a pong from every peer: [^"]*" type="every-pong">/g)?.length,
      2,
    );
    assert.match(xml, /<\/testsuites>\n$/);
  });

  it('grades one scenario with --scenario and skips shrinking with --no-shrink', async () => {
    const { stdout } = await fixtureCli([
      'grade',
      'ping-pong',
      '--file',
      program('once'),
      '--scenario',
      'crash',
      '--seed',
      '2',
      '--no-shrink',
      '--json',
    ]);
    const report = JSON.parse(stdout) as GradeReport;
    assert.deepEqual(
      report.scenarios.map((s) => s.name),
      ['crash'],
    );
    assert.equal(report.scenarios[0]?.failure?.shrunk, undefined);
  });

  it('colours PASS, FAIL and the score only when asked to', async () => {
    const { stdout } = await fixtureCli(['grade', 'ping-pong', '--file', program('once'), '--seeds', '1'], {
      colour: true,
    });
    assert.ok(stdout.includes(`${ESC}32mPASS${ESC}0m  calm`), stdout);
    assert.ok(stdout.includes(`${ESC}31mFAIL${ESC}0m  lossy`), stdout);
    assert.ok(stdout.includes(`${ESC}1mScore: `), stdout);
  });

  it('fails a handler that loops forever with a timeout verdict within the budget', async () => {
    const { code, stdout } = await fixtureCli([
      'grade',
      'ping-pong',
      '--file',
      program('loops'),
      '--scenario',
      'calm',
      '--budget',
      '1500',
    ]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /FAIL {2}calm .*\n {8}seed 1 · each handler returns: seed 1 of calm did not finish within 1500 ms of real time: n1 was still running onMessage\(n2, pong\)/,
    );
  });

  it("fails a throwing handler and shows the student's line", async () => {
    const { code, stdout } = await fixtureCli([
      'grade',
      'ping-pong',
      '--file',
      program('throws'),
      '--scenario',
      'calm',
      '--seed',
      '1',
    ]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /n\d threw Error in onMessage\(n\d, pong\) at \d+ ms \(test\/cli\/fixtures\/programs\/throws\.ts:13:\d+\): no handler for pong/,
    );
    assert.match(stdout, /at .*onMessage \(test\/cli\/fixtures\/programs\/throws\.ts:13:\d+\)/);
  });

  it('reports a syntax error as file:line:col and exits 2', async () => {
    const file = join(scratch(), 'broken.ts');
    writeFileSync(file, 'export default class Broken {\n  onStart(): void {\n    const x = ;\n  }\n}\n');
    const { code, stdout, stderr } = await fixtureCli(['grade', 'ping-pong', '--file', file]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      new RegExp(`^distsys: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: syntax error: .+\\n$`),
    );
  });

  it('exits 130 when interrupted, cancelling the grade', async () => {
    const interrupt = new AbortController();
    const running = fixtureCli(['grade', 'ping-pong', '--file', program('loops'), '--budget', '600000'], {
      signal: interrupt.signal,
    });
    setTimeout(() => interrupt.abort(), 300);
    const { code, stderr } = await running;
    assert.equal(code, 130);
    assert.equal(stderr, 'distsys: cancelled\n');
  });
});

describe('distsys grade with scenarios saved beside the file', () => {
  it('grades each saved scenario at its own seed, and names a file it cannot use on stderr', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'mine.ts'), readFileSync(join(ROOT, program('once')), 'utf8'));
    mkdirSync(join(dir, 'scenarios'));
    const saved = {
      from: 'calm',
      seed: 7,
      nodes: 3,
      duration: 200,
      faults: [
        { at: 0, kind: 'crash', node: 'n2' },
        { at: 50, kind: 'restart', node: 'n2' },
      ],
    };
    writeFileSync(join(dir, 'scenarios', 'n2-down.json'), JSON.stringify(saved));
    writeFileSync(join(dir, 'scenarios', 'torn.json'), '{"from": "calm", ');
    const { code, stdout, stderr } = await fixtureCli(
      ['grade', 'ping-pong', '--file', 'mine.ts', '--scenario', 'n2-down'],
      {
        cwd: dir,
      },
    );
    assert.equal(code, 1);
    assert.match(stdout, /FAIL {2}n2-down .*\n {8}seed 7 · every node hears a pong from every peer/);
    assert.match(stderr, /^distsys: skipped scenarios\/torn\.json: not valid JSON/);
    const clean = await fixtureCli(['grade', 'ping-pong', '--file', 'mine.ts', '--scenario', 'calm', '--seeds', '2'], {
      cwd: dir,
    });
    assert.equal(clean.code, 0, clean.stdout);
  });
});
