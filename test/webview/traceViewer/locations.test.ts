import assert from 'node:assert/strict';
import { splitLocations } from '../../../src/webview/traceViewer/locations';

describe('trace viewer: file:line places in messages, to link', () => {
  it('finds file:line:column and file:line, keeping the text around them', () => {
    assert.deepEqual(
      splitLocations(
        'n1 threw Error in onMessage at 12 ms (distsys/raft-election/starter.ts:13:7): boom; see lib.js:4',
      ),
      [
        'n1 threw Error in onMessage at 12 ms (',
        {
          file: 'distsys/raft-election/starter.ts',
          line: 13,
          column: 7,
          text: 'distsys/raft-election/starter.ts:13:7',
        },
        '): boom; see ',
        { file: 'lib.js', line: 4, column: 1, text: 'lib.js:4' },
      ],
    );
  });

  it('leaves text with no place in it whole, and times or ratios alone', () => {
    assert.deepEqual(splitLocations('at 12:30 the ratio was 3:1'), ['at 12:30 the ratio was 3:1']);
    assert.deepEqual(splitLocations(''), []);
  });
});
