import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Trace } from '../../src/kernel';
import { fixtureCli, program, ROOT } from './fixtures/harness';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'distsys-cli-'));
const hashOf = (stdout: string): string => {
  const match = /^hash: ([0-9a-f]{16})$/m.exec(stdout);
  assert.ok(match, `no hash in:\n${stdout}`);
  return match[1] as string;
};

describe('distsys run (in-process, fixture catalog)', () => {
  it('prints the verdict, message counts, event count and a 16-hex trace hash, the same for the same seed', async () => {
    const args = ['run', 'ping-pong', '--file', program('once'), '--scenario', 'crash', '--seed', '2'];
    const first = await fixtureCli(args);
    assert.equal(first.code, 1);
    assert.match(
      first.stdout,
      /^ping-pong · crash · seed 2 — test\/cli\/fixtures\/programs\/once\.ts\nFAIL {2}every-pong: every node hears a pong from every peer\n {6}n\d never heard a pong from n\d/,
    );
    assert.match(
      first.stdout,
      /^messages: \d+ sent, \d+ delivered, \d+ dropped, 0 duplicated \(ping \d+, pong \d+\)$/m,
    );
    assert.match(first.stdout, /^events: \d+, virtual time 400 ms of 400 ms$/m);
    assert.equal(hashOf((await fixtureCli(args)).stdout), hashOf(first.stdout));
  });

  it("prints the failing run's fault schedule as JSON that can be saved", async () => {
    const { stdout } = await fixtureCli([
      'run',
      'ping-pong',
      '--file',
      program('once'),
      '--scenario',
      'crash',
      '--seed',
      '2',
    ]);
    assert.match(
      stdout,
      /^faults \(4; save them with --save-faults FILE, replay them with --faults FILE\):\n {2}· at 2 ms: crash n3\n/m,
    );
    const json = stdout.trim().split('\n').at(-1) as string;
    assert.deepEqual((JSON.parse(json) as unknown[])[0], { at: 2, kind: 'crash', node: 'n3' });
  });

  it('writes a trace file that parses back to the printed hash, with the verdict in its footer', async () => {
    const dir = scratch();
    const file = join(dir, 'trace.json');
    const { code, stdout } = await fixtureCli([
      'run',
      'ping-pong',
      '--file',
      program('once'),
      '--scenario',
      'lossy',
      '--seed',
      '1',
      '--trace',
      file,
    ]);
    assert.equal(code, 1);
    const text = readFileSync(file, 'utf8');
    const parsed = Trace.parse(text);
    assert.equal(parsed.hash, hashOf(stdout));
    assert.equal(parsed.trace.hash(), parsed.hash);
    const processes = parsed.states?.nodes.length ?? 0;
    assert.ok(processes > 0, 'the trace file carries every process’s fields and storage');
    assert.equal(
      text.split('\n').length,
      parsed.trace.length + 4 + processes,
      'a header line, one line per event, the state table (an opening line, one per process), a footer line and the final newline',
    );
    assert.equal(parsed.footer.passed, false);
    assert.equal((parsed.footer.failure as { checker: string }).checker, 'every-pong');
    assert.match(stdout, new RegExp(`^trace: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ events\\)$`, 'm'));
  });

  it('saves the fault schedule with --save-faults and replays it with --faults to the same hash', async () => {
    const saved = join(scratch(), 'faults.json');
    const args = ['run', 'ping-pong', '--file', program('once'), '--scenario', 'crash', '--seed', '5'];
    const original = await fixtureCli([...args, '--save-faults', saved]);
    assert.match(original.stdout, /^faults: saved to /m);
    const replayed = await fixtureCli([...args, '--faults', saved]);
    assert.equal(hashOf(replayed.stdout), hashOf(original.stdout));
  });

  it('runs a smaller saved schedule in place of the scenario’s own', async () => {
    const file = join(scratch(), 'faults.json');
    writeFileSync(file, JSON.stringify([{ at: 2, kind: 'crash', node: 'n3' }]));
    const { stdout } = await fixtureCli([
      'run',
      'ping-pong',
      '--file',
      program('once'),
      '--scenario',
      'crash',
      '--seed',
      '5',
      '--faults',
      file,
    ]);
    assert.match(stdout, /^faults \(1; /m);
  });

  it('refuses a schedule with bad entries, naming each entry, and exits 2', async () => {
    const file = join(scratch(), 'faults.json');
    writeFileSync(
      file,
      JSON.stringify([
        { at: 5, kind: 'crash', node: 'n9' },
        { at: 6, kind: 'explode' },
      ]),
    );
    const { code, stderr } = await fixtureCli([
      'run',
      'ping-pong',
      '--file',
      program('once'),
      '--scenario',
      'crash',
      '--seed',
      '1',
      '--faults',
      file,
    ]);
    assert.equal(code, 2);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] as string, /^distsys: .*faults\.json: fault #0: unknown node "n9" \(nodes: n1, n2, n3\)$/);
    assert.match(lines[1] as string, /^distsys: .*faults\.json: fault #1: unknown kind "explode"$/);
  });

  it('refuses a schedule that is not JSON', async () => {
    const file = join(scratch(), 'faults.json');
    writeFileSync(file, '[{"at": 5,');
    const { code, stderr } = await fixtureCli([
      'run',
      'ping-pong',
      '--file',
      program('once'),
      '--scenario',
      'crash',
      '--seed',
      '1',
      '--faults',
      file,
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /faults\.json: not valid JSON: /);
  });

  it('stops a handler that loops forever and says which one, with no hash or trace but the schedule saved', async () => {
    const dir = scratch();
    const args = [
      'run',
      'ping-pong',
      '--file',
      program('loops'),
      '--scenario',
      'crash',
      '--seed',
      '1',
      '--budget',
      '1500',
    ];
    const { code, stdout } = await fixtureCli([
      ...args,
      '--trace',
      join(dir, 't.json'),
      '--save-faults',
      join(dir, 'f.json'),
    ]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /FAIL {2}timeout: each handler returns\n {6}seed 1 of crash did not finish within 1500 ms of real time: n1 was still running onMessage\(n2, pong\)/,
    );
    assert.match(stdout, /^hash: none \(the run did not finish\)$/m);
    assert.match(stdout, /^trace: not written \(the run did not finish\)$/m);
    assert.equal((JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')) as unknown[]).length, 4);
  });

  it("shows a throwing handler's message and the student's stack line", async () => {
    const { code, stdout } = await fixtureCli([
      'run',
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
      /FAIL {2}exception: handlers do not throw\n {6}n\d threw Error in onMessage\(n\d, pong\) at \d+ ms \(test\/cli\/fixtures\/programs\/throws\.ts:13:\d+\): no handler for pong from n\d\n {6}at Throws\.onMessage \(test\/cli\/fixtures\/programs\/throws\.ts:13:\d+\)/,
    );
  });

  it('forwards what the handlers print to stderr', async () => {
    const file = join(scratch(), 'chatty.ts');
    writeFileSync(
      file,
      readFileSync(join(ROOT, program('retrying')), 'utf8').replace(
        'onStart(): void {',
        'onStart(): void {\n    console.log(`${this.ctx.id} up`);',
      ),
    );
    const { code, stderr } = await fixtureCli([
      'run',
      'ping-pong',
      '--file',
      file,
      '--scenario',
      'calm',
      '--seed',
      '1',
    ]);
    assert.equal(code, 0);
    assert.match(stderr, /n1 up\n/);
  });

  it('needs --scenario and --seed, and a whole-number seed', async () => {
    const missing = await fixtureCli(['run', 'ping-pong', '--scenario', 'calm']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'distsys: missing --seed: distsys run <exercise> --scenario X --seed S\n');
    const bad = await fixtureCli(['run', 'ping-pong', '--scenario', 'calm', '--seed', 'x1']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'distsys: --seed must be a whole number from 0 to 4294967295, got "x1"\n');
  });
});
