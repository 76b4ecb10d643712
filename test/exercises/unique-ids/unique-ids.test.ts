import assert from 'node:assert/strict';
import { gradeExercise, loadStudentModule, runAndCheck } from '../../../src/grader';
import { uniqueIds } from '../../../lessons/01-why-distribute/exercise';
import { referenceSolution } from '../solutions';

/** What is particular to unique-ids; what every exercise must satisfy is in ../conformance.test.ts. */
describe('unique-ids exercise', () => {
  const grade = (source: string, scenario: string) =>
    gradeExercise(uniqueIds, loadStudentModule(source, 'solution.ts'), 'solution.ts', {
      scenario,
      seeds: 3,
      shrink: false,
    }).scenarios[0];

  const answering = (body: string) => `export default class {
    constructor(ctx) { this.ctx = ctx; this.count = 0; }
    onStart() {}
    onMessage(from, msg) { if (msg.type === "generate") { ${body} } }
    onTimer() {}
  }`;

  it('accepts the same ID sent twice in answer to one request (a repeated reply is no new ID)', () => {
    const source = answering(
      'const id = this.ctx.id + "-" + this.count++; for (const _ of [1, 2]) this.ctx.send(from, { type: "generate_ok", inReplyTo: msg.msgId, id });',
    );
    assert.equal(grade(source, 'steady-requests')?.passed, true);
  });

  it('rejects an id longer than 64 characters, and one that is not a string', () => {
    const long = answering(
      'this.ctx.send(from, { type: "generate_ok", inReplyTo: msg.msgId, id: this.ctx.id + "-" + String(this.count++).padStart(64, "0") });',
    );
    assert.match(grade(long, 'steady-requests')?.failure?.explanation ?? '', /an id of 6\d characters/);
    const numeric = answering('this.ctx.send(from, { type: "generate_ok", inReplyTo: msg.msgId, id: this.count++ });');
    assert.match(grade(numeric, 'steady-requests')?.failure?.explanation ?? '', /which is not a string/);
  });

  it('lets a node that the partition cut off answer on its own: the reference answers every request it receives there', () => {
    const { source, file } = referenceSolution('unique-ids');
    const { trace, failure } = runAndCheck({
      exercise: uniqueIds,
      scenario: uniqueIds.scenarios.find((s) => s.name === 'partitioned-nodes')!,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
    assert.equal(failure, undefined);
    const requests = [...trace.ofKind('deliver')].filter((e) => e.data.type === 'generate').length;
    const replies = [...trace.ofKind('send')].filter((e) => e.data.type === 'generate_ok').length;
    assert.ok(requests > 0);
    assert.equal(replies, requests);
  });
});
