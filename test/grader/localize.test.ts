import assert from 'node:assert/strict';
import { fill, languageOf, localizedFailure, runAndCheck, type Checker, type Template } from '../../src/grader';
import type { Context, Node, NodeClass } from '../../src/kernel';
import { exercise, Pinger, scenario } from './fixtures';

const tooMany: Template<{ node: string; count: number }> = {
  en: ({ node, count }) => `${node} sent ${count} pings`,
  'zh-cn': ({ node, count }) => `${node} 发了 ${count} 个 ping`,
};

const quiet: Checker = {
  name: 'quiet',
  property: 'nobody pings',
  translations: { 'zh-cn': { property: '谁也不发 ping' } },
  check: ({ trace }) => {
    for (const e of trace.events())
      if (e.kind === 'send') return { ok: false, explanation: fill(tooMany, { node: e.node, count: 1 }) };
    return { ok: true };
  },
};

const Thrower: NodeClass = class implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id === 'n2') throw new RangeError('no way');
  }
  onMessage(): void {}
  onTimer(): void {}
};

function failureOf(
  program: NodeClass,
  checkers: Checker[] = [],
): NonNullable<ReturnType<typeof runAndCheck>['failure']> {
  const s = scenario({ checkers });
  const failure = runAndCheck({ exercise: exercise([s]), scenario: s, program, seed: 1, file: 'x.ts' }).failure;
  assert.ok(failure);
  return failure;
}

describe('grader: failures in the student language', () => {
  it('fills one template in every language from the values the checker found', () => {
    assert.deepEqual(fill(tooMany, { node: 'n1', count: 3 }), { en: 'n1 sent 3 pings', 'zh-cn': 'n1 发了 3 个 ping' });
  });

  it("keeps the English explanation and carries the checker's Chinese property and explanation", () => {
    const failure = failureOf(Pinger, [quiet]);
    assert.equal(failure.explanation, 'n1 sent 1 pings');
    assert.deepEqual(localizedFailure(failure, 'en'), { property: 'nobody pings', explanation: 'n1 sent 1 pings' });
    assert.deepEqual(localizedFailure(failure, 'zh-cn'), {
      property: '谁也不发 ping',
      explanation: 'n1 发了 1 个 ping',
    });
  });

  it('says what a thrown error means in Chinese, with the error itself as thrown', () => {
    const { property, explanation } = localizedFailure(failureOf(Thrower), 'zh-cn');
    assert.equal(property, '处理函数不抛出异常');
    assert.match(explanation, /^n2 在 0 ms 执行 onStart 时抛出了 RangeError.*：no way$/);
  });

  it('falls back to English where a checker has no Chinese form', () => {
    const plain: Checker = { ...quiet, translations: {}, check: () => ({ ok: false, explanation: 'plain' }) };
    assert.deepEqual(localizedFailure(failureOf(Pinger, [plain]), 'zh-cn'), {
      property: 'nobody pings',
      explanation: 'plain',
    });
  });

  it('reads a language from a setting or a locale such as LANG', () => {
    assert.equal(languageOf('zh_CN.UTF-8'), 'zh-cn');
    assert.equal(languageOf('zh-Hans'), 'zh-cn');
    assert.equal(languageOf('en_GB.UTF-8'), 'en');
    assert.equal(languageOf('C.UTF-8'), undefined);
    assert.equal(languageOf(undefined), undefined);
  });
});
