import assert from 'node:assert/strict';
import {
  formatJUnit,
  formatTable,
  gradeExercise,
  loadStudentModule,
  type GradeReport,
  type ScenarioReport,
} from '../../src/grader';
import { exercise, Pinger, scenario } from './fixtures';

/**
 * Checks XML 1.0 well-formedness for what a JUnit report uses: one prolog, nested elements with
 * quoted attributes, text and attribute values with only the five predefined entities. Returns
 * the element names in document order.
 */
function wellFormed(xml: string): string[] {
  const names: string[] = [];
  const open: string[] = [];
  // XML 1.0 forbids these control characters: matching them is the point.
  // eslint-disable-next-line no-control-regex
  const text = /^(?:[^<&\u0000-\u0008\u000b\u000c\u000e-\u001f]|&(?:lt|gt|amp|quot|apos);)*$/;
  const attr =
    // eslint-disable-next-line no-control-regex
    /\s+([A-Za-z_][\w.-]*)="((?:[^<&"\u0000-\u0008\u000b\u000c\u000e-\u001f]|&(?:lt|gt|amp|quot|apos);)*)"/gy;
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  assert.notEqual(rest, xml, 'an XML prolog');
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const chunk = lt < 0 ? rest : rest.slice(0, lt);
    assert.match(chunk, text, `text may not hold raw < or &, or control characters: ${JSON.stringify(chunk)}`);
    if (lt < 0) break;
    rest = rest.slice(lt);
    const close = /^<\/([A-Za-z_][\w.-]*)>/.exec(rest);
    if (close) {
      assert.equal(open.pop(), close[1], 'tags nest');
      rest = rest.slice(close[0].length);
      continue;
    }
    const start = /^<([A-Za-z_][\w.-]*)/.exec(rest);
    assert.ok(start, `a tag at ${JSON.stringify(rest.slice(0, 40))}`);
    attr.lastIndex = start[0].length;
    let end = attr.lastIndex;
    while (attr.exec(rest)) end = attr.lastIndex;
    const tail = /^\s*(\/?)>/.exec(rest.slice(end));
    assert.ok(tail, `the tag <${start[1]}> ends properly: ${JSON.stringify(rest.slice(0, end + 20))}`);
    names.push(start[1] as string);
    if (tail[1] !== '/') open.push(start[1] as string);
    rest = rest.slice(end + tail[0].length);
  }
  assert.deepEqual(open, [], 'every element is closed');
  return names;
}

const passed: ScenarioReport = {
  name: 'steady',
  description: 'nothing goes wrong',
  points: 3,
  earned: 3,
  passed: true,
  seedsRun: 10,
  seedsPlanned: 10,
  generated: false,
  notes: ['blocked, as it should'],
};

const failed: ScenarioReport = {
  name: 'leader-crash',
  description: 'the leader crashes',
  points: 2,
  earned: 0,
  seedsPlanned: 10,
  generated: false,
  passed: false,
  seedsRun: 4,
  failure: {
    seed: 4,
    checker: 'election-safety',
    property: 'at most one leader per term',
    explanation: 'two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms',
    at: 1520,
    faults: [
      { at: 100, kind: 'pause', node: 'n1', ms: 50 },
      { at: 1500, kind: 'crash', node: 'n2' },
    ],
    duration: 3000,
    shrunk: {
      faults: [{ at: 1500, kind: 'crash', node: 'n2' }],
      duration: 1600,
      originalFaults: 2,
      originalDuration: 3000,
      runs: 9,
    },
  },
};

const report = (scenarios: ScenarioReport[], seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]): GradeReport => ({
  exercise: 'raft-election',
  title: 'Raft leader election',
  file: 'lessons/06-leader-election/starter.ts',
  seeds,
  score: scenarios.reduce((n, s) => n + s.earned, 0),
  maxScore: scenarios.reduce((n, s) => n + s.points, 0),
  scenarios,
});

describe('formatTable', () => {
  const table = formatTable(report([passed, failed])).split('\n');

  it('heads the table with the exercise, the file and the seeds', () => {
    assert.equal(
      table[0],
      'Raft leader election (raft-election) — lessons/06-leader-election/starter.ts, 10 seeds per scenario',
    );
    assert.equal(
      formatTable(report([passed], [7]))
        .split('\n')[0]
        ?.endsWith(', seed 7'),
      true,
    );
  });

  it('gives each scenario a PASS or FAIL line with its points and description', () => {
    assert.ok(table.includes('  PASS  steady          3/3 pts  nothing goes wrong'), table.join('\n'));
    assert.ok(table.includes('  FAIL  leader-crash    0/2 pts  the leader crashes'), table.join('\n'));
  });

  it("shows a passing scenario's notes", () => {
    assert.ok(table.includes('        note: blocked, as it should'));
  });

  it('explains a failure: seed, property, explanation, the shrunk schedule and how to replay it', () => {
    const at = table.indexOf('  FAIL  leader-crash    0/2 pts  the leader crashes');
    assert.deepEqual(table.slice(at + 1, at + 5), [
      '        seed 4 · at most one leader per term: two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms',
      '        shrunk: 2 → 1 faults, 3000 → 1600 ms (9 runs)',
      '          · at 1500 ms: crash n2',
      '        replay: npx distsys run raft-election --scenario leader-crash --seed 4 --file lessons/06-leader-election/starter.ts --trace leader-crash-4.trace.json',
    ]);
  });

  it('shows a failure the search found as its numbered path, and the explore command that finds it again', () => {
    const searched: ScenarioReport = {
      name: 'exhaustive-3-nodes',
      description: 'every order searched',
      points: 10,
      earned: 0,
      passed: false,
      seedsRun: 1,
      seedsPlanned: 1,
      generated: false,
      search: {
        nodes: 3,
        depth: 5,
        faults: { crashes: 0, drops: 0, duplicates: 0 },
        statesExplored: 40,
        distinctStates: 30,
        complete: false,
      },
      failure: {
        checker: 'vote-once',
        property: 'one vote per term',
        explanation: 'n2 voted for n1 and n2 in term 1 at 3 ms',
        seed: 1,
        faults: [],
        duration: 3,
        search: {
          choices: [],
          steps: [
            "fire n1's election timer",
            "fire n2's election timer",
            'deliver RequestVote n1→n2 (term 1, candidateId n1)',
          ],
        },
      },
    };
    const lines = formatTable(report([searched])).split('\n');
    const at = lines.findIndex((l) => l.startsWith('  FAIL  exhaustive-3-nodes'));
    assert.deepEqual(lines.slice(at + 1, at + 7), [
      '        exhaustive search · one vote per term: n2 voted for n1 and n2 in term 1 at 3 ms',
      '        the shortest path that breaks it, 3 choices after every node started:',
      "          1. fire n1's election timer",
      "          2. fire n2's election timer",
      '          3. deliver RequestVote n1→n2 (term 1, candidateId n1)',
      '        replay: npx distsys explore raft-election --file lessons/06-leader-election/starter.ts --nodes 3 --depth 5 --faults crash=0,drop=0,duplicate=0',
    ]);
  });

  it('ends with the score and how many scenarios passed', () => {
    assert.equal(table.at(-1), 'Score: 3/5 points — 1 of 2 scenarios passed');
  });

  it('explains a failure shared by several scenarios once, under the first, and points the others back to it', () => {
    const again: ScenarioReport = {
      ...failed,
      name: 'leader-pause',
      description: 'the leader pauses',
      failure: {
        ...(failed.failure as NonNullable<ScenarioReport['failure']>),
        seed: 7,
        explanation: 'two leaders in term 5: n2 at 2210 ms and n1 at 2301 ms',
        shrunk: {
          faults: [{ at: 900, kind: 'pause', node: 'n1', ms: 2000 }],
          duration: 3000,
          originalFaults: 1,
          originalDuration: 3000,
          runs: 1,
        },
      },
    };
    const lines = formatTable(report([failed, passed, again])).split('\n');
    const first = lines.indexOf('  FAIL  leader-crash    0/2 pts  the leader crashes');
    assert.deepEqual(lines.slice(first + 1, first + 3), [
      '        seed 4 · at most one leader per term: two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms',
      '        the same failure in 1 more scenario: leader-pause',
    ]);
    const second = lines.indexOf('  FAIL  leader-pause    0/2 pts  the leader pauses');
    assert.deepEqual(lines.slice(second + 1, second + 5), [
      '        seed 7 · the same failure as leader-crash, above',
      '        shrunk: 1 → 1 faults, 3000 → 3000 ms (1 run)',
      '          · at 900 ms: pause n1 for 2000 ms',
      '        replay: npx distsys run raft-election --scenario leader-pause --seed 7 --file lessons/06-leader-election/starter.ts --trace leader-pause-7.trace.json',
    ]);
    assert.equal(lines.filter((l) => l.includes('two leaders in term')).length, 1);
  });

  it("shows the student's stack lines under an exception", () => {
    const source =
      'export default class {\n  onStart() {\n    throw new Error("boom");\n  }\n  onMessage() {}\n  onTimer() {}\n}\n';
    const graded = gradeExercise(
      exercise([scenario({ name: 'boom' })]),
      loadStudentModule(source, 'starter.ts'),
      'starter.ts',
      { seed: 1 },
    );
    const lines = formatTable(graded).split('\n');
    const i = lines.findIndex((l) => l.includes('handlers do not throw'));
    assert.match(
      lines[i] ?? '',
      /^ {8}seed 1 · handlers do not throw: n1 threw Error in onStart at 0 ms \(starter\.ts:3:11\): boom$/,
    );
    assert.match(lines[i + 1] ?? '', /^ {8}at \S+onStart \(starter\.ts:3:11\)$/);
  });
});

describe('formatJUnit', () => {
  it('writes one well-formed suite with a test case per scenario and a failure per failing one', () => {
    const xml = formatJUnit(report([passed, failed]));
    assert.deepEqual(wellFormed(xml), ['testsuites', 'testsuite', 'testcase', 'testcase', 'failure']);
    assert.match(xml, /<testsuites name="distsys" tests="2" failures="1">/);
    assert.match(xml, /<testsuite name="raft-election" tests="2" failures="1">/);
    assert.match(xml, /<testcase classname="raft-election" name="steady"><\/testcase>/);
    assert.match(
      xml,
      /<failure message="at most one leader per term: two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms" type="election-safety">seed 4: two leaders/,
    );
  });

  it("keeps each scenario's own failure when the table shows them as one", () => {
    const again: ScenarioReport = {
      ...failed,
      name: 'leader-pause',
      failure: {
        ...(failed.failure as NonNullable<ScenarioReport['failure']>),
        seed: 7,
        explanation: 'two leaders in term 5: n2 at 2210 ms and n1 at 2301 ms',
      },
    };
    const xml = formatJUnit(report([failed, again]));
    assert.match(
      xml,
      /<testcase classname="raft-election" name="leader-crash">\n {6}<failure message="at most one leader per term: two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms"/,
    );
    assert.match(
      xml,
      /<testcase classname="raft-election" name="leader-pause">\n {6}<failure message="at most one leader per term: two leaders in term 5: n2 at 2210 ms and n1 at 2301 ms" type="election-safety">seed 7: /,
    );
  });

  it('escapes <, &, " and \' in names, messages and bodies', () => {
    const tricky: ScenarioReport = {
      ...failed,
      name: 'a<b&"c"',
      failure: {
        ...(failed.failure as NonNullable<ScenarioReport['failure']>),
        property: "it's <safe>",
        explanation: 'x < y && "z"',
        stack: 'Error: <boom> & "bang"\n    at f (starter.ts:1:1)',
      },
    };
    const xml = formatJUnit(report([tricky]));
    wellFormed(xml);
    assert.match(xml, /name="a&lt;b&amp;&quot;c&quot;"/);
    assert.match(xml, /message="it&apos;s &lt;safe&gt;: x &lt; y &amp;&amp; &quot;z&quot;"/);
    assert.match(xml, /Error: &lt;boom&gt; &amp; &quot;bang&quot;/);
  });

  it('stays well-formed when an explanation holds control characters', () => {
    const noisy: ScenarioReport = {
      ...failed,
      failure: {
        ...(failed.failure as NonNullable<ScenarioReport['failure']>),
        explanation: 'bell \u0007 escape \u001b[31m red\ttab',
      },
    };
    const xml = formatJUnit(report([noisy]));
    wellFormed(xml);
    assert.match(xml, /bell \ufffd escape \ufffd\[31m red\ttab/);
  });

  it('relies on a well-formedness check that rejects raw markup characters and unclosed tags', () => {
    const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
    assert.deepEqual(wellFormed(`${prolog}<a x="1"><b/>ok &amp; fine</a>\n`), ['a', 'b']);
    for (const bad of ['<a>x < y</a>', '<a>R&D</a>', '<a x="<">1</a>', '<a><b></a>', '<a>', '<a x=1></a>']) {
      assert.throws(() => wellFormed(prolog + bad), assert.AssertionError, bad);
    }
  });
});

describe('the grade table heading', () => {
  it('says how many seeds named scenarios and generated families ran', () => {
    const named = scenario({ name: 'steady' });
    const family = scenario({ name: 'generated', runs: { quick: 4, thorough: 8 } });
    const report = gradeExercise(exercise([named, family]), Pinger, 'starter.ts', {});
    assert.match(formatTable(report).split('\n')[0] ?? '', /, 30 seeds per named scenario, 4 per generated family$/);
    const plain = gradeExercise(exercise([named]), Pinger, 'starter.ts', { seeds: 2 });
    assert.match(formatTable(plain).split('\n')[0] ?? '', /, 2 seeds per scenario$/);
  });
});
