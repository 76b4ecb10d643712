import assert from 'node:assert/strict';
import { lessonLinkResolver } from '../../../src/webview/lesson/links';

describe('lesson link resolution', () => {
  const resolve = lessonLinkResolver(
    '20-two-phase-commit',
    ['06-leader-election', '20-two-phase-commit'],
    (f) => f === '20-two-phase-commit/starter.ts',
  );

  it('resolves another lesson by its markdown file or folder, with the heading', () => {
    assert.deepEqual(resolve('../06-leader-election/lesson.md'), { lesson: '06-leader-election' });
    assert.deepEqual(resolve('../06-leader-election/lesson.zh-cn.md#选举'), {
      lesson: '06-leader-election',
      anchor: '选举',
    });
    assert.deepEqual(resolve('../06-leader-election/'), { lesson: '06-leader-election' });
    assert.deepEqual(resolve('lesson.md#blocking'), { lesson: '20-two-phase-commit', anchor: 'blocking' });
  });

  it('resolves files of a lesson folder that exist', () => {
    assert.deepEqual(resolve('starter.ts'), { file: '20-two-phase-commit/starter.ts' });
    assert.deepEqual(resolve('./starter.ts'), { file: '20-two-phase-commit/starter.ts' });
    assert.equal(resolve('missing.ts'), undefined);
  });

  it('resolves nothing outside the known lessons', () => {
    assert.equal(resolve('../../README.md'), undefined);
    assert.equal(resolve('../03-paxos/lesson.md'), undefined);
    assert.equal(resolve('/etc/passwd'), undefined);
  });
});
