import { transform } from 'sucrase';
import type { Context, NodeClass } from '../kernel';

/** Where in the student's file something went wrong (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** The student's file could not be turned into a node class; `location` points at the cause. */
export class StudentCodeError extends Error {
  override name = 'StudentCodeError';
  constructor(
    message: string,
    readonly file: string,
    readonly location?: SourceLocation,
  ) {
    super(location ? `${location.file}:${location.line}:${location.column}: ${message}` : `${file}: ${message}`);
  }
}

/**
 * Transpiles a student's TypeScript with sucrase (pure JavaScript, so it runs in Node and in a
 * browser, and it keeps line numbers, so stacks point at the student's own lines) and returns the
 * node class as the simulator boots it: isolated (see `isolatedProgram`). Type-only imports vanish;
 * any other import is refused: a node talks only through its context.
 */
export function loadStudentModule(source: string, file: string): NodeClass {
  const evaluate = compileStudentModule(source, file);
  const first = evaluate(); // once now, so a module that cannot load fails here, not at the first boot
  const program = isolatedProgram(evaluate);
  Object.defineProperty(program, 'name', { value: first.name }); // messages name the student's class
  return program;
}

/**
 * Real nodes are separate processes: nothing at module level (a top-level `let`, a `static`
 * field) is shared between two nodes, or survives a crash. So every construction — each node's
 * start and every restart — evaluates the module afresh and builds the node from that copy.
 * A constructor that returns an object makes `new` yield it: the kernel gets the student's own
 * instance, whose fields and methods instrumentation reads as usual.
 */
export function isolatedProgram(evaluate: () => NodeClass): NodeClass {
  return function IsolatedNode(ctx: Context) {
    const Program = evaluate();
    return new Program(ctx);
  } as unknown as NodeClass;
}

/**
 * Transpiles once; each call of the result evaluates the module afresh, with its own module-level
 * state, so a host can give every run a clean module without paying for the transpile again.
 */
export function compileStudentModule(source: string, file: string): () => NodeClass {
  let code: string;
  try {
    code = transform(source, { transforms: ['typescript', 'imports'], filePath: file }).code;
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    const message = e.message.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
    const location = e.loc ? { file, line: e.loc.line, column: e.loc.column } : undefined; // sucrase counts columns from 1
    throw new StudentCodeError(`syntax error: ${message}`, file, location);
  }
  return () => evaluateStudentModule(code, file);
}

function evaluateStudentModule(code: string, file: string): NodeClass {
  const module: { exports: Record<string, unknown> } = { exports: {} };
  const refuseImport = (name: string): never => {
    throw new StudentCodeError(
      `imports ${JSON.stringify(name)}: a node program cannot import modules at run time (only \`import type\` from "distsys")`,
      file,
    );
  };
  try {
    // Indirect eval with the body on the wrapper's first line: stack lines equal source lines.
    const factory = (0, eval)(`(function (exports, require, module) {${code}\n})\n//# sourceURL=${file}`) as (
      exports: unknown,
      require: (name: string) => unknown,
      module: unknown,
    ) => void;
    factory(module.exports, refuseImport, module);
  } catch (error) {
    if (error instanceof StudentCodeError) throw error;
    const e = error as Error;
    throw new StudentCodeError(`${e.name}: ${e.message}`, file, firstStudentFrame(e.stack ?? '', file));
  }
  const exported = module.exports.default;
  if (typeof exported !== 'function') {
    throw new StudentCodeError(
      'must `export default` the node class (e.g. `export default class MyNode implements Node { … }`)',
      file,
    );
  }
  return exported as NodeClass;
}

/** The first stack frame in the student's file. */
export function firstStudentFrame(stack: string, file: string): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    const at = line.lastIndexOf(`${file}:`);
    if (at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + file.length));
    if (match) return { file, line: Number(match[1]), column: Number(match[2]) };
  }
  return undefined;
}

/** The stack cut down to the student's frames: what the student needs, nothing of the simulator. */
export function studentStack(stack: string, file: string): string {
  const lines = stack.split('\n');
  const head = lines.filter((l) => !/^\s+at /.test(l));
  const frames = lines
    .filter((l) => /^\s+at /.test(l) && l.includes(`${file}:`))
    .map((l) => l.replace(/\(eval at [^,]*, /, '(').trim());
  return [...head, ...frames.map((f) => `    ${f}`)].join('\n');
}
