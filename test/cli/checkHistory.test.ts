import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureCli } from './fixtures/harness';

const history = (name: string): string => join('test', 'cli', 'fixtures', 'histories', name);
/** Writes a history to a scratch file and returns its path. */
const scratchHistory = (lines: string[]): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'distsys-history-')), 'history.edn');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
};

describe('distsys check-history (in-process)', () => {
  it('reads a Jepsen log, skipping other log lines and the nemesis, and exits 0 when it is linearizable', async () => {
    const { code, stdout, stderr } = await fixtureCli([
      'check-history',
      history('register-ok.log'),
      '--model',
      'cas-register',
    ]);
    assert.equal(stderr, '');
    assert.equal(code, 0, stdout);
    assert.match(
      stdout,
      /^test\/cli\/fixtures\/histories\/register-ok\.log: 7 operations from 6 processes, model cas-register\n/,
    );
    assert.match(stdout, /^LINEARIZABLE {2}Linearizable: one order of the 7 operations explains every result\.$/m);
  });

  it('exits 1 on a stale read, with the longest linearizable prefix and the operation that fits nowhere', async () => {
    const { code, stdout } = await fixtureCli([
      'check-history',
      history('register-stale-read.log'),
      '--model',
      'cas-register',
    ]);
    assert.equal(code, 1, stdout);
    assert.match(
      stdout,
      /^NOT LINEARIZABLE {2}process 1's read → 2 \(invoked on line 20, completed on line 21\) fits no order of the history: after the longest consistent order found \(6 operations\), the register holds 0, and every other order was tried\.$/m,
    );
    assert.match(
      stdout,
      /^ {2}5\. process 4: write 3 {2}\(line 13, outcome unknown\)\n {2}6\. process 9: cas 3 → 0 {2}\(lines 17–18\)\n {2}✗ {2}process 1: read → 2 {2}\(lines 20–21\)$/m,
    );
  });

  it('reads EDN maps, checks kv key by key and names the bad key', async () => {
    const ok = await fixtureCli(['check-history', history('kv-ok.edn'), '--model', 'kv']);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /6 operations from 4 processes, 3 keys, model kv/);
    const bad = await fixtureCli(['check-history', history('kv-bad.edn'), '--model', 'kv']);
    assert.equal(bad.code, 1, bad.stdout);
    assert.match(
      bad.stdout,
      /process 0's get "1" → "a" \(invoked on line 9, completed on line 10\) fits no order of the history on key "1"/,
    );
    assert.match(bad.stdout, /^longest linearizable prefix on key "1" \(2 operations\)/m);
  });

  it('prints the result as JSON with --json', async () => {
    const { code, stdout } = await fixtureCli(['check-history', history('kv-bad.edn'), '--model', 'kv', '--json']);
    assert.equal(code, 1);
    const json = JSON.parse(stdout) as {
      verdict: string;
      operations: number;
      partitions: Array<{ key: string; verdict: string }>;
      violation: {
        key: string;
        blocked: { invokeLine: number; result: unknown };
        order: Array<{ description: string }>;
      };
    };
    assert.equal(json.verdict, 'not-linearizable');
    assert.equal(json.operations, 6);
    assert.deepEqual(
      json.partitions.map((p) => [p.key, p.verdict]),
      [
        ['0', 'linearizable'],
        ['1', 'not-linearizable'],
        ['2', 'unknown'],
      ],
      'the search stops at the first bad key: key 2 had no turn',
    );
    assert.equal(json.violation.key, '1');
    assert.deepEqual(json.violation.blocked.result, { key: '1', value: 'a' });
    assert.equal(json.violation.blocked.invokeLine, 9);
    assert.deepEqual(
      json.violation.order.map((o) => o.description),
      ['put "a" into "1"', 'append "b" to "1"'],
    );
  });

  it('exits 3 with unknown when the budget runs out', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) lines.push(`{:process ${i}, :type :invoke, :f :write, :value ${i}}`);
    for (let i = 0; i < 30; i++) lines.push(`{:process ${30 + i}, :type :invoke, :f :read, :value nil}`);
    for (let i = 0; i < 30; i++) lines.push(`{:process ${i}, :type :ok, :f :write, :value ${i}}`);
    for (let i = 0; i < 30; i++) lines.push(`{:process ${30 + i}, :type :ok, :f :read, :value ${i === 0 ? -1 : i}}`);
    const { code, stdout } = await fixtureCli([
      'check-history',
      scratchHistory(lines),
      '--model',
      'register',
      '--budget',
      '5000',
    ]);
    assert.equal(code, 3, stdout);
    assert.match(
      stdout,
      /^UNKNOWN {2}No answer within the budget of 5,000 search steps: the history may or may not be linearizable\.$/m,
    );
  });

  it('names the file and line of bad input, and exits 2', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [
        ['{:process 0, :type :invoke, :f :write, :value 1}', '{:process 0, :type :ok :f :write, :value [1}'],
        'register',
        /history\.edn:2: unexpected "}" \(column 44\)$/,
      ],
      [
        ['{:process 0, :type :ok, :f :write, :value 1}'],
        'register',
        /history\.edn:1: process 0 completes write \(:ok\) but has no operation open$/,
      ],
      [
        ['{:process 0, :type :invoke, :f :write, :value 1}', '{:process 0, :type :invoke, :f :read, :value nil}'],
        'register',
        /history\.edn:2: process 0 invokes read while its write of line 1 has not completed$/,
      ],
      [
        ['{:process 0, :type :invoke, :f :write, :value 1}', '{:process 0, :type :done, :f :write, :value 1}'],
        'register',
        /history\.edn:2: :type must be :invoke, :ok, :fail or :info, got :done$/,
      ],
      [
        ['{:process 0, :type :invoke, :f :cas, :value [1 2]}'],
        'register',
        /history\.edn:1: process 0's cas: the register model has no function "cas" \(it knows read, write\) \(use the cas-register model\)$/,
      ],
      [
        ['{:process 0, :type :invoke, :f :put, :value "x"}'],
        'kv',
        /history\.edn:1: process 0's put: put needs a string key \(and a string value\), got "x"$/,
      ],
      [['just some text'], 'register', /history\.edn: no operations found: expected Jepsen log lines/],
    ];
    for (const [lines, model, message] of cases) {
      const { code, stderr } = await fixtureCli(['check-history', scratchHistory(lines), '--model', model]);
      assert.equal(code, 2, stderr);
      assert.match(stderr.trim(), message);
      assert.equal(stderr.trim().split('\n').length, 1);
    }
  });

  it('explains a wrong command line', async () => {
    const noModel = await fixtureCli(['check-history', history('kv-ok.edn')]);
    assert.equal(noModel.code, 2);
    assert.match(
      noModel.stderr,
      /missing --model: distsys check-history <file> --model register\|cas-register\|kv\|queue/,
    );
    const typo = await fixtureCli(['check-history', history('kv-ok.edn'), '--model', 'cas-registr']);
    assert.match(typo.stderr, /unknown model "cas-registr"; did you mean "cas-register"\?/);
    const missing = await fixtureCli(['check-history', 'no/such/history.log', '--model', 'kv']);
    assert.match(missing.stderr, /cannot read no\/such\/history\.log: no such file/);
    const budget = await fixtureCli(['check-history', history('kv-ok.edn'), '--model', 'kv', '--budget', '0']);
    assert.match(budget.stderr, /--budget must be a whole number ≥ 1, got "0"/);
  });
});
