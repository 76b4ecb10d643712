import assert from 'node:assert/strict';
import { loadStudentModule, runAndCheck } from '../../src/grader';
import { exercises } from '../../lessons/catalog';
import { compareOnPrefixes, prefixesToJudge } from './incrementalAgreement';
import { referenceSolution } from './solutions';

/** A reference with one piece changed so that it breaks a rule no buggy variant of its exercise breaks. */
interface Breach {
  exercise: string;
  what: string;
  from: string;
  to: string;
  /** The safety checker that must fail, so that its incremental form is seen failing too. */
  breaks: string;
}

const breaches: Breach[] = [
  {
    exercise: 'exactly-once-kv',
    what: 'records an invoke other than the operation given',
    from: 'this.ctx.history.invoke(this.pending.f, this.pending);',
    to: 'this.ctx.history.invoke(this.pending.f, { ...this.pending, key: "elsewhere" });',
    breaks: 'operations-as-given',
  },
  {
    exercise: 'exactly-once-kv',
    what: 'asks for its next operation before it records how the last one ended',
    from: '    if (op.f === "get") this.ctx.history.ok("get", { key: op.key, value });\n    else this.ctx.history.ok(op.f, op);\n    this.startNext();',
    to: '    this.startNext();\n    if (op.f === "get") this.ctx.history.ok("get", { key: op.key, value });\n    else this.ctx.history.ok(op.f, op);',
    breaks: 'operations-as-given',
  },
  {
    exercise: 'causal-broadcast',
    what: 'never delivers its own broadcast',
    from: '    this.deliver(message);\n',
    to: '',
    breaks: 'validity',
  },
  {
    exercise: 'gossip-broadcast',
    what: 'sends no ReadOk',
    from: 'this.ctx.send(from, { type: "ReadOk", id: msg.id, values: [...this.values] });',
    to: '',
    breaks: 'answers-every-request',
  },
  {
    exercise: 'gossip-broadcast',
    what: 'reads a value nobody broadcast',
    from: 'values: [...this.values]',
    to: 'values: [...this.values, 1e9]',
    breaks: 'no-invented-values',
  },
  {
    exercise: 'crdt-counter',
    what: 'sends no AddOk',
    from: 'this.ctx.send(from, { type: "AddOk", id: msg.id });',
    to: '',
    breaks: 'answers-every-request',
  },
];

/** The incremental forms agree with the full checks where a rule is broken, on every scenario's run at seed 1. */
describe('incremental safety checkers on rules no buggy variant breaks', () => {
  for (const { exercise: id, what, from, to, breaks } of breaches) {
    it(`${id}: a node that ${what} fails ${breaks} alike, on every prefix`, () => {
      const exercise = exercises.find((e) => e.id === id);
      assert.ok(exercise, `an exercise ${id}`);
      const { source, file } = referenceSolution(id);
      assert.ok(source.includes(from), `the reference of ${id} has ${JSON.stringify(from)}`);
      const program = loadStudentModule(source.replace(from, to), file);
      const failed = new Set<string>();
      for (const scenario of exercise.scenarios) {
        const ran = runAndCheck({ exercise, scenario, program, seed: 1, file });
        const checkers = scenario.checkers.filter((c) => c.incremental);
        const run = { ...ran.run, result: ran.result };
        for (const name of compareOnPrefixes(
          checkers,
          run,
          ran.trace,
          prefixesToJudge(ran.trace.length),
          scenario.name,
        ))
          failed.add(name);
      }
      assert.ok(failed.has(breaks), `${breaks} fails on a run of a node that ${what}`);
    });
  }
});
