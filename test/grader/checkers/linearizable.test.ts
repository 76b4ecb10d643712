import assert from 'node:assert/strict';
import type { Context, Node, NodeClass } from '../../../src/kernel';
import { kvModel } from '../../../src/grader/linearizability';
import { inEnglish, linearizableChecker, localizedFailure, runAndCheck } from '../../../src/grader';
import { exercise, scenario } from '../fixtures';

/** c1 appends "a" then reads; c2 reads after c1's append completed. `readAs` is what c2's read returns. */
function appendThenRead(readAs: string): NodeClass {
  return class implements Node {
    constructor(private readonly ctx: Context) {}
    onStart(): void {
      if (this.ctx.id === 'c1') {
        this.ctx.history.invoke('append', { key: 'k', value: 'a' });
        this.ctx.history.ok('append', { key: 'k', value: 'a' });
        this.ctx.setTimer('read', 10);
      }
      if (this.ctx.id === 'c2') this.ctx.setTimer('read', 20);
    }
    onMessage(): void {}
    onTimer(): void {
      const value = this.ctx.id === 'c2' ? readAs : 'a';
      this.ctx.history.invoke('get', { key: 'k' });
      this.ctx.history.ok('get', { key: 'k', value });
    }
  };
}

const clients = [
  { id: 'c1', role: 'client' },
  { id: 'c2', role: 'client' },
];

function verdict(program: NodeClass) {
  const s = scenario({ nodes: 1, processes: clients, checkers: [linearizableChecker(kvModel)] });
  return runAndCheck({ exercise: exercise([s]), scenario: s, program, seed: 1, file: 'x.ts' });
}

describe('linearizable checker', () => {
  it('passes a history one order explains', () => {
    assert.equal(verdict(appendThenRead('a')).failure, undefined);
  });

  it('names the operation no order can place, its client and its invoke, and points at its events', () => {
    const { failure, trace } = verdict(appendThenRead('aa'));
    assert.equal(failure?.checker, 'linearizable');
    assert.match(
      inEnglish(failure.explanation),
      /^c2's get "k" → "aa" \(invoked at 20 ms, completed at 20 ms\) fits no order/,
    );
    assert.equal(failure.at, 20);
    assert.deepEqual(failure.nodes, ['c2']);
    assert.deepEqual(
      failure.events?.map((i) => trace.event(i).kind),
      ['op', 'op'],
    );
  });

  it('says the same in Chinese, with the model in Chinese words', () => {
    const { failure } = verdict(appendThenRead('aa'));
    assert.ok(failure);
    assert.equal(
      localizedFailure(failure, 'zh-cn').explanation,
      'c2 的操作「get "k"，读到 "aa"」（在 20 ms 调用，在 20 ms 完成）无论排在键 "k" 的历史的哪个位置都说不通：' +
        '找到的最长一致顺序有 2 个操作，按它执行完后，这个键的值是 "a"；其他每一种顺序也都试过了。',
    );
  });

  it('fails a history that is not well formed, naming the call', () => {
    const Twice: NodeClass = class implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.role !== 'client') return;
        this.ctx.history.invoke('get', { key: 'k' });
        this.ctx.history.invoke('get', { key: 'k' });
      }
      onMessage(): void {}
      onTimer(): void {}
    };
    const { failure } = verdict(Twice);
    assert.match(
      inEnglish(failure?.explanation ?? ''),
      /^the history is not well formed: c1 invoked get at 0 ms .* while its get was still open$/,
    );
  });
});
