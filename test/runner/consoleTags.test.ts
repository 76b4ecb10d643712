import assert from 'node:assert/strict';
import type { HandlerHooks } from '../../src/kernel';
import { ConsoleTags } from '../../src/runner/consoleTags';

/** A console that keeps what it is asked to print. */
function fakeConsole(): { printed: unknown[][] } & Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const printed: unknown[][] = [];
  const keep = (...args: unknown[]): void => void printed.push(args);
  return { printed, log: keep, info: keep, warn: keep, error: keep, debug: keep };
}

describe('runner: console output tagged with where it was printed', () => {
  it('prefixes the scenario, seed, node and virtual time of the handler that printed', () => {
    const target = fakeConsole();
    const tags = new ConsoleTags(target);
    const calls: string[] = [];
    const next: HandlerHooks = {
      beforeHandler: (node) => void calls.push(`before ${node}`),
      afterHandler: (node) => void calls.push(`after ${node}`),
    };
    target.log('before any run');
    tags.startUnit({ scenario: 'leader-crash', seed: 4, phase: 'seed' }, next);
    tags.beforeHandler('n2', { kind: 'onTimer', name: 'election' }, 1499.6, 1520.4);
    target.log('term %d', 3);
    target.warn({ votes: 2 });
    tags.beforeHandler('n3', { kind: 'onRecover' }, 0, 1521);
    target.error('nested');
    tags.afterHandler('n3');
    target.info('back in n2');
    tags.afterHandler('n2');
    target.debug('between handlers');
    tags.startUnit({ scenario: 'leader-crash', seed: 4, phase: 'shrink' }, next);
    target.log('probe');
    assert.deepEqual(target.printed, [
      ['before any run'],
      ['[leader-crash · seed 4 · n2 · 1520 ms] term %d', 3],
      ['[leader-crash · seed 4 · n2 · 1520 ms]', { votes: 2 }],
      ['[leader-crash · seed 4 · n3 · 1521 ms] nested'],
      ['[leader-crash · seed 4 · n2 · 1520 ms] back in n2'],
      ['[leader-crash · seed 4] between handlers'],
      ['[leader-crash · seed 4, shrinking] probe'],
    ]);
    assert.deepEqual(calls, ['before n2', 'before n3', 'after n3', 'after n2']);
  });
});
