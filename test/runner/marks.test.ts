import assert from 'node:assert/strict';
import { Handler, MARKS_BYTES, MarkWriter, NONE, readMark } from '../../src/runner/marks';

function writer(): { marks: MarkWriter; buffer: SharedArrayBuffer; names: Map<number, string> } {
  const buffer = new SharedArrayBuffer(MARKS_BYTES);
  const names = new Map<number, string>();
  return { marks: new MarkWriter(buffer, (id, text) => names.set(id, text)), buffer, names };
}

describe('runner: handler marks', () => {
  it('names the running handler with its node, arguments and local clock', () => {
    const { marks, buffer, names } = writer();
    marks.enter(marks.intern('n2'), Handler.OnMessage, marks.intern('vote'), marks.intern('n1'), 1520);
    assert.deepEqual(readMark(buffer, names), { node: 'n2', handler: 'onMessage(n1, vote)', time: 1520 });
  });

  it('restores the enclosing handler when a nested one returns, and nothing after the outer one', () => {
    const { marks, buffer, names } = writer();
    marks.enter(marks.intern('n1'), Handler.OnTimer, marks.intern('election'), NONE, 10);
    marks.enter(marks.intern('n1'), Handler.OnStart, NONE, NONE, 11);
    assert.equal(readMark(buffer, names)?.handler, 'onStart');
    marks.exit();
    assert.deepEqual(readMark(buffer, names), { node: 'n1', handler: 'onTimer("election")', time: 10 });
    marks.exit();
    assert.equal(readMark(buffer, names), undefined);
  });

  it('announces each name once, numbered in order', () => {
    const announced: Array<[number, string]> = [];
    const marks = new MarkWriter(new SharedArrayBuffer(MARKS_BYTES), (id, text) => announced.push([id, text]));
    assert.deepEqual(
      ['n1', 'n2', 'n1', 'ping', 'n2'].map((t) => marks.intern(t)),
      [0, 1, 0, 2, 1],
    );
    assert.deepEqual(announced, [
      [0, 'n1'],
      [1, 'n2'],
      [2, 'ping'],
    ]);
  });

  it('forgets the last run on reset', () => {
    const { marks, buffer, names } = writer();
    marks.enter(marks.intern('n3'), Handler.Constructor, NONE, NONE, 0);
    marks.reset();
    assert.equal(readMark(buffer, names), undefined);
  });
});
