import assert from 'node:assert/strict';
import { MARKS_BYTES, MarkWriter, readMark } from '../../src/runner/marks';

function writer(): { marks: MarkWriter; buffer: SharedArrayBuffer; names: Map<number, string> } {
  const buffer = new SharedArrayBuffer(MARKS_BYTES);
  const names = new Map<number, string>();
  return { marks: new MarkWriter(buffer, (id, text) => names.set(id, text)), buffer, names };
}

describe('runner: handler marks', () => {
  it('names the running handler with its node, arguments and local clock', () => {
    const { marks, buffer, names } = writer();
    marks.beforeHandler('n2', { kind: 'onMessage', from: 'n1', type: 'vote' }, 1520);
    assert.deepEqual(readMark(buffer, names), { node: 'n2', handler: 'onMessage(n1, vote)', time: 1520, call: 1 });
  });

  it('restores the enclosing handler when a nested one returns, and nothing after the outer one', () => {
    const { marks, buffer, names } = writer();
    marks.beforeHandler('n1', { kind: 'onTimer', name: 'election' }, 10);
    marks.beforeHandler('n2', { kind: 'onRecover' }, 11);
    assert.deepEqual(readMark(buffer, names), { node: 'n2', handler: 'onRecover', time: 11, call: 2 });
    marks.afterHandler();
    assert.deepEqual(readMark(buffer, names), { node: 'n1', handler: 'onTimer("election")', time: 10, call: 2 });
    marks.afterHandler();
    assert.equal(readMark(buffer, names), undefined);
  });

  it('announces each name once, numbered in order', () => {
    const announced: Array<[number, string]> = [];
    const marks = new MarkWriter(new SharedArrayBuffer(MARKS_BYTES), (id, text) => announced.push([id, text]));
    marks.beforeHandler('n1', { kind: 'onMessage', from: 'n2', type: 'ping' }, 0);
    marks.beforeHandler('n2', { kind: 'onMessage', from: 'n1', type: 'ping' }, 0);
    marks.beforeHandler('n1', { kind: 'onStart' }, 0);
    assert.deepEqual(announced, [
      [0, 'n1'],
      [1, 'ping'],
      [2, 'n2'],
    ]);
  });

  it('counts every handler entered, nested or not, so a replay can stop before the same one', () => {
    const { marks } = writer();
    marks.beforeHandler('n1', { kind: 'onStart' }, 0);
    marks.afterHandler();
    marks.beforeHandler('n1', { kind: 'onTimer', name: 'election' }, 10);
    marks.beforeHandler('n2', { kind: 'onRecover' }, 11);
    marks.afterHandler();
    marks.afterHandler();
    assert.equal(marks.calls, 3);
    marks.reset();
    assert.equal(marks.calls, 0);
  });

  it('forgets the last run on reset', () => {
    const { marks, buffer, names } = writer();
    marks.beforeHandler('n3', { kind: 'onStart' }, 0);
    marks.reset();
    assert.equal(readMark(buffer, names), undefined);
  });
});
