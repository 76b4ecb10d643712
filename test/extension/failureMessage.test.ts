import assert from 'node:assert/strict';
import type { SeedFailure } from '../../src/grader';
import { escapeMarkdown, failureMessage, loadErrorMessage } from '../../src/extension/core/failureMessage';
import { handlerLine } from '../../src/extension/core/handlerLine';
import type { Translate } from '../../src/extension/core/translate';

/** Fills placeholders the way vscode.l10n.t does for English. */
const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const file = 'distsys/raft-election/starter.ts';
const source = [
  'export default class Raft {', // 0
  '  onStart(): void {', // 1
  '    this.ctx.setTimer("election", 300);', // 2
  '  }', // 3
  '  onMessage(from: NodeId, msg: RaftMessage): void {', // 4
  '    switch (msg.type) {', // 5
  '      case "RequestVote":', // 6
  '        break;', // 7
  "      case 'RequestVoteReply':", // 8
  '        break;', // 9
  '    }', // 10
  '  }', // 11
  '  private onTimer(name: string): void {', // 12
  '    if (name === "heartbeat") return;', // 13
  '    if (name === "election") this.campaign();', // 14
  '  }', // 15
  '  campaign(): void { this.ctx.broadcast({ type: "RequestVote" }); }', // 16
  '}', // 17
].join('\n');
const failure: SeedFailure = {
  checker: 'election-safety',
  property: 'at most one leader per term',
  explanation: 'two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms',
  seed: 7,
  faults: [],
  duration: 5000,
};
const context = { file, source };

describe('extension: failures as test messages', () => {
  it('says a failure the search found is its shortest path, and lists the path as numbered choices', () => {
    const steps = ["fire n1's election timer", 'deliver RequestVote n1→n2 (term 1, candidateId n1)'];
    const message = failureMessage({ ...failure, seed: 1, search: { choices: [], steps } }, context, t);
    assert.match(
      message.markdown,
      /Checker: `election-safety` · Found by exhaustive search: the shortest path, 2 choices\n\n1\. fire n1's election timer\n2\. deliver RequestVote n1→n2 \(term 1, candidateId n1\)$/,
    );
  });

  it('is Markdown: the property in bold, the explanation, then the checker and seed', () => {
    const message = failureMessage(failure, context, t);
    assert.equal(
      message.markdown,
      '**at most one leader per term**\n\ntwo leaders in term 3: n1 at 1520 ms and n3 at 1544 ms\n\nChecker: `election-safety` · Failing seed: 7',
    );
    assert.deepEqual({ line: message.line, column: message.column }, { line: 0, column: 0 });
  });

  it('anchors at the handler that broke the rule, and says where to look', () => {
    const culprit: SeedFailure = {
      ...failure,
      handler: { node: 'n3', time: 1544, handler: 'onMessage', detail: 'RequestVoteReply' },
    };
    const message = failureMessage(culprit, context, t);
    assert.equal(message.line, 8);
    assert.match(message.markdown, /Where to look: n3 in `onMessage \(RequestVoteReply\)` at 1544 ms\./);
  });

  it('finds the case of a message, the timer by name, or the declaration', () => {
    const at = (handler: 'onStart' | 'onMessage' | 'onTimer', detail?: string): number | undefined =>
      handlerLine(source, { node: 'n1', time: 0, handler, ...(detail ? { detail } : {}) });
    assert.equal(at('onMessage', 'RequestVote'), 6);
    assert.equal(at('onMessage', 'AppendEntries'), 4, 'no case for it: the declaration');
    assert.equal(at('onTimer', 'election'), 14);
    assert.equal(at('onStart'), 1);
    assert.equal(at('onRecover' as 'onStart'), undefined, 'a method the file does not declare');
  });

  it('points at the student line and column of a throw, 0-based, with the stack fenced below', () => {
    const thrown: SeedFailure = {
      ...failure,
      checker: 'exception',
      location: { file, line: 42, column: 7 },
      handler: { node: 'n1', time: 5, handler: 'onStart' },
      stack: 'TypeError: x is undefined\n    at onTimer (distsys/raft-election/starter.ts:42:7)',
    };
    const message = failureMessage(thrown, context, t);
    assert.deepEqual({ line: message.line, column: message.column }, { line: 41, column: 6 });
    assert.match(message.markdown, /\n\n```text\nTypeError: x is undefined\n {4}at onTimer[^\n]*\n```$/);
    assert.doesNotMatch(message.markdown, /Where to look/, 'the stack already says where');
  });

  it('ignores a location in another file', () => {
    const elsewhere: SeedFailure = { ...failure, location: { file: 'other.ts', line: 9, column: 1 } };
    assert.equal(failureMessage(elsewhere, context, t).line, 0);
  });

  it('says what shrinking kept, and nothing when it kept everything', () => {
    const shrunk = {
      ...failure,
      shrunk: { faults: [], duration: 1600, originalFaults: 4, originalDuration: 5000, runs: 12 },
    };
    assert.match(failureMessage(shrunk, context, t).markdown, /Shrunk to 0 of 4 faults and 1600 ms of 5000 ms/);
    const same = {
      ...failure,
      shrunk: { faults: [], duration: 5000, originalFaults: 0, originalDuration: 5000, runs: 1 },
    };
    assert.doesNotMatch(failureMessage(same, context, t).markdown, /Shrunk/);
  });

  it('points a scenario failing for a cause already told to the scenario that told it, keeping its own seed and shrink', () => {
    const shrunk = { faults: [], originalFaults: 2, duration: 900, originalDuration: 4000, runs: 5 };
    const message = failureMessage({ ...failure, shrunk }, { ...context, sameAs: 'partition-leader' }, t);
    assert.match(message.markdown, /^The same failure as `partition-leader` \(seed 7\): see its message\./);
    assert.doesNotMatch(message.markdown, /\*\*at most one leader per term\*\*/, 'the headline is not told again');
    assert.match(message.markdown, /Failing seed: 7 · Shrunk to 0 of 2 faults and 900 ms of 4000 ms/);
  });

  it("speaks the student's language where the checker has it, English where it has not", () => {
    const translated: SeedFailure = {
      ...failure,
      translations: { 'zh-cn': { property: '每个任期至多一个领导者', explanation: '任期 3 有两个领导者' } },
    };
    assert.match(
      failureMessage(translated, { ...context, language: 'zh-cn' }, t).markdown,
      /^\*\*每个任期至多一个领导者\*\*\n\n任期 3 有两个领导者/,
    );
    assert.match(failureMessage(translated, context, t).markdown, /^\*\*at most one leader per term\*\*/);
    assert.match(
      failureMessage(failure, { ...context, language: 'zh-cn' }, t).markdown,
      /^\*\*at most one leader per term\*\*\n\ntwo leaders/,
    );
  });

  it('shows Markdown characters of an explanation as written', () => {
    assert.equal(escapeMarkdown('n1 *voted* for <n2>\n- twice'), 'n1 \\*voted\\* for \\<n2\\>\n\\- twice');
  });

  it("adds the scenario's measured figures, each with its limit, after the seed", () => {
    const measurements = [
      {
        checker: 'messages-per-broadcast',
        figure: 'messages per broadcast',
        value: 42.26,
        limit: 30,
        bound: 'at-most' as const,
        digits: 1,
        runs: 1,
      },
    ];
    const message = failureMessage(failure, { ...context, measurements }, t);
    assert.match(
      message.markdown,
      /Failing seed: 7\n\nMeasured: 42\.3 messages per broadcast \(1 run\), at most 30 allowed$/,
    );
  });

  it('places a load error at its line, or at the top when it has none', () => {
    assert.deepEqual(
      loadErrorMessage(
        { message: `${file}:3:5: syntax error: Unexpected token`, location: { file, line: 3, column: 5 } },
        file,
      ),
      { markdown: `${file}:3:5: syntax error: Unexpected token`, line: 2, column: 4 },
    );
    assert.deepEqual(loadErrorMessage({ message: 'must `export default` the node class' }, file), {
      markdown: 'must \\`export default\\` the node class',
      line: 0,
      column: 0,
    });
  });

  describe('with links', () => {
    const links = {
      source: (line: number, column: number) => `file:///ws/${file}#L${line},${column}`,
      openTrace: 'command:distsys.openTrace?%5B%7B%22failure%22%3A%22x%22%7D%5D',
    };

    it("links each place in the student's file, in the explanation and the stack, to that line", () => {
      const thrown: SeedFailure = {
        ...failure,
        checker: 'exception',
        explanation: `n1 threw TypeError in onTimer("election") at 120 ms (${file}:42:7): x is undefined`,
        location: { file, line: 42, column: 7 },
        stack: `TypeError: x is undefined\n    at Raft.onTimer (${file}:42:7)\n    at helper (lib/other.ts:3:1)`,
      };
      const { markdown } = failureMessage(thrown, context, t, links);
      const target = `file:///ws/${file}#L42,7`;
      assert.equal(markdown.split(`](${target})`).length - 1, 2, 'one link in the explanation, one in the stack');
      assert.match(markdown, /\[distsys\/raft-election\/starter\.ts:42:7\]\(file:/, 'the link reads as the place');
      assert.doesNotMatch(markdown, /\[lib\/other/, 'a place in another file is only text');
    });

    it('offers the trace as a command link, and escapes what the checker wrote', () => {
      const { markdown } = failureMessage(
        { ...failure, explanation: 'n1 sent *2* [votes] to <n2>' },
        context,
        t,
        links,
      );
      assert.ok(markdown.includes(`[Open Trace](${links.openTrace})`));
      assert.ok(markdown.includes('n1 sent \\*2\\* \\[votes\\] to \\<n2\\>'), markdown);
      assert.match(markdown, /Failing seed: 7/);
    });
  });
});
