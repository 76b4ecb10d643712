import assert from 'node:assert/strict';
import { simulate } from '../../src/kernel';
import { firstStudentFrame, loadStudentModule, studentStack, StudentCodeError } from '../../src/grader';

const FILE = 'lessons/00-demo/starter.ts';

function loadError(source: string): StudentCodeError {
  try {
    loadStudentModule(source, FILE);
  } catch (error) {
    assert.ok(error instanceof StudentCodeError, `expected a StudentCodeError, got ${String(error)}`);
    return error;
  }
  assert.fail('the module loaded');
}

/** A realistic TypeScript file: types, generics and casts above the line that throws (line 26). */
const THROWS_ON_LINE_26 = `import type { Context, Node, NodeId } from "distsys";

interface Ping {
  readonly type: "ping";
  readonly round: number;
}

type Msg = Ping;

enum Phase {
  Idle,
  Busy,
}

export default class Pinger implements Node<Msg> {
  private phase: Phase = Phase.Idle;
  private readonly seen = new Map<NodeId, number>();

  constructor(private readonly ctx: Context<Msg>) {}

  onStart(): void {
    this.ctx.setTimer("tick", 10);
  }

  onTimer(name: string): void {
    if (this.ctx.id === "n2") throw new Error(\`\${name} went wrong in phase \${this.phase as number}\`);
    this.phase = Phase.Busy;
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.seen.set(from, msg.round);
  }
}
`;

describe('loadStudentModule', () => {
  it('loads a TypeScript node class that imports types from "distsys"', () => {
    const Program = loadStudentModule(THROWS_ON_LINE_26, FILE);
    assert.equal(typeof Program, 'function');
    assert.equal(Program.name, 'Pinger');
  });

  it('reports a syntax error as a StudentCodeError at file:line:col (1-based)', () => {
    const error = loadError('export default class {\n  onStart() {\n    let x = ;\n  }\n}\n');
    // "    let x = ;": the offending ";" is the 13th character of line 3.
    assert.deepEqual(error.location, { file: FILE, line: 3, column: 13 });
    assert.equal(error.message, `${FILE}:3:13: syntax error: Unexpected token`);
    assert.equal(error.file, FILE);
  });

  it('points at the first character of a line when the error is there', () => {
    assert.deepEqual(loadError('const a = 1;\n)\n').location, { file: FILE, line: 2, column: 1 });
  });

  it('asks for a default export when there is none', () => {
    const error = loadError('export class Node {}\n');
    assert.equal(error.location, undefined);
    assert.match(error.message, /^lessons\/00-demo\/starter\.ts: must `export default` the node class/);
  });

  it('refuses an import that is used at run time, naming the module', () => {
    const error = loadError(
      'import { readFileSync } from "fs";\nexport default class { onStart() { readFileSync("x"); } onMessage() {} onTimer() {} }\n',
    );
    assert.match(
      error.message,
      /imports "fs": a node program cannot import modules at run time \(only `import type` from "distsys"\)/,
    );
  });

  it('reports a throw at the top level with the line it happened on', () => {
    const error = loadError(
      'const ok = 1;\nconst bad = (null as unknown as { x: number }).x;\nexport default class {}\n',
    );
    assert.equal(error.location?.line, 2);
    assert.match(error.message, /^lessons\/00-demo\/starter\.ts:2:\d+: TypeError: /);
  });

  it("maps a handler's stack to the student's own lines", () => {
    const result = simulate({
      program: loadStudentModule(THROWS_ON_LINE_26, FILE),
      nodes: ['n1', 'n2'],
      network: { latency: { min: 1, max: 1 }, loss: 0, duplicate: 0 },
      faults: [],
      duration: 100,
      seed: 1,
      trace: false,
    });
    assert.equal(result.outcome.status, 'threw');
    if (result.outcome.status !== 'threw') return;
    assert.equal(result.outcome.error.message, 'tick went wrong in phase 0');
    // Column 37 is the "new" of "throw new Error(…)".
    assert.deepEqual(firstStudentFrame(result.outcome.error.stack, FILE), { file: FILE, line: 26, column: 37 });
    const stack = studentStack(result.outcome.error.stack, FILE);
    assert.deepEqual(stack.split('\n'), ['Error: tick went wrong in phase 0', `    at Pinger.onTimer (${FILE}:26:37)`]);
  });

  it('finds no student frame in a stack that never enters the file', () => {
    assert.equal(firstStudentFrame('Error: x\n    at f (/somewhere/else.ts:1:1)', FILE), undefined);
  });

  it('evaluates the module afresh for every node it constructs: no module-level state is shared', () => {
    const source =
      'let made = 0;\nexport default class { constructor() { made++; (this as any).n = made; } onStart() {} onMessage() {} onTimer() {} }\n';
    const A = loadStudentModule(source, FILE);
    new A({} as never);
    assert.equal((new A({} as never) as unknown as { n: number }).n, 1);
  });

  it('isolates nodes in a run: a module-level counter is per node and starts over after a restart', () => {
    const source = `let boots = 0;
export default class { constructor(private ctx: any) {} onStart() { boots++; this.ctx.log(this.ctx.id, boots); } onRecover() { this.onStart(); } onMessage() {} onTimer() {} }
`;
    const program = loadStudentModule(source, FILE);
    const { trace } = simulate({
      program,
      nodes: ['n1', 'n2'],
      network: { latency: { min: 1, max: 1 }, loss: 0, duplicate: 0 },
      faults: [
        { at: 10, kind: 'crash', node: 'n1' },
        { at: 20, kind: 'restart', node: 'n1' },
      ],
      duration: 30,
      seed: 1,
      trace: true,
    });
    assert.deepEqual(
      [...trace!.ofKind('log')].map((e) => e.data),
      ['n1 1', 'n2 1', 'n1 1'],
    );
  });
});
