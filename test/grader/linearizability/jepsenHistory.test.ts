import assert from 'node:assert/strict';
import {
  checkLinearizability,
  HistoryError,
  HistoryFormatError,
  operationsFromKernel,
  parseJepsenHistory,
  registerModel,
} from '../../../src/grader/linearizability';
import type { Op } from '../../../src/kernel';

describe('linearizability: reading Jepsen histories', () => {
  it('pairs log lines by process, keeps values as EDN gives them, and times operations by line', () => {
    const history = parseJepsenHistory(
      [
        '2026-11-29 10:00:00,001{GMT}	INFO	[jepsen worker 0] jepsen.util - 0	:invoke	:cas	[1 4]',
        'INFO  jepsen.util - 1	:invoke	:read	nil',
        'INFO  jepsen.util - :nemesis	:info	:start	"partition"',
        'INFO  jepsen.util - 1	:ok	:read	nil',
        'INFO  jepsen.util - 0	:info	:cas	:timed-out	indeterminate: timeout',
        'INFO  jepsen.core - Run complete, writing',
        'INFO  jepsen.util - 2	:invoke	:write	"a b"',
      ].join('\n'),
    );
    assert.deepEqual(history, [
      { process: '0', f: 'cas', value: [1, 4], outcome: 'info', invoke: 1, complete: 5, result: ':timed-out' },
      { process: '1', f: 'read', value: null, outcome: 'ok', invoke: 2, complete: 4, result: null },
      { process: '2', f: 'write', value: 'a b', outcome: 'info', invoke: 7 },
    ]);
  });

  it('reads EDN maps: a :key makes the value { key, value }; :index, :time and commas are fine', () => {
    const history = parseJepsenHistory(
      [
        '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y", :index 0, :time 1000}',
        '{:type :ok :process 0 :f :append :key "0" :value "x 0 0 y" :index 1 :time 2000}',
        '{:process :nemesis, :type :info, :f :start, :value nil}',
        '{:process 1, :type :invoke, :f :get, :key 7, :value nil} ; a comment',
        '{:process 1, :type :fail, :f :get, :key 7, :value nil, :error [:timeout "no \\"leader\\""]}',
      ].join('\n'),
    );
    assert.deepEqual(history, [
      {
        process: '0',
        f: 'append',
        value: { key: '0', value: 'x 0 0 y' },
        outcome: 'ok',
        invoke: 1,
        complete: 2,
        result: { key: '0', value: 'x 0 0 y' },
      },
      {
        process: '1',
        f: 'get',
        value: { key: '7', value: null },
        outcome: 'fail',
        invoke: 4,
        complete: 5,
        result: { key: '7', value: null },
      },
    ]);
  });

  it('names the line and what is wrong with it', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{:process 0, :type :invoke, :f :write, :value "open}', 1, /a string is not closed/],
      ['{:process 0, :type :invoke, :value 1}', 1, /the map has no :f/],
      ['{:process 0, :type :invoke, :f :write, :value 1} {:process 1}', 1, /unexpected text after the map/],
      ['{:process [0], :type :invoke, :f :write}', 1, /:process must be a number, got \[0\]/],
      ['\n{:process 0, :type :invoke, :f 3}', 2, /:f must be a keyword, got 3/],
      [
        'INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - 0\t:ok\t:read\t1',
        2,
        /completes read but invoked write on line 1/,
      ],
    ];
    for (const [text, line, message] of cases)
      assert.throws(
        () => parseJepsenHistory(text),
        (error: unknown) => error instanceof HistoryFormatError && error.line === line && message.test(error.message),
        text,
      );
  });
});

describe('linearizability: the kernel history adapter', () => {
  const op = (index: number, time: number, process: string, type: Op['type'], f: string, value: unknown): Op => ({
    index,
    time,
    process,
    type,
    f,
    value,
  });

  it("pairs each invoke with the same process's next completion; an invoke left open never completed", () => {
    const ops = [
      op(3, 10, 'c1', 'invoke', 'write', 1),
      op(5, 12, 'c2', 'invoke', 'read', null),
      op(8, 20, 'c1', 'ok', 'write', 1),
      op(9, 25, 'c2', 'ok', 'read', 1),
      op(12, 30, 'c1', 'invoke', 'write', 2),
      op(13, 40, 'c1', 'info', 'write', 2),
      op(15, 50, 'c1', 'invoke', 'read', null),
    ];
    const history = operationsFromKernel(ops);
    assert.deepEqual(
      history.map((h) => [h.process, h.f, h.outcome, h.invoke, h.complete, h.result]),
      [
        ['c1', 'write', 'ok', 10, 20, 1],
        ['c2', 'read', 'ok', 12, 25, 1],
        ['c1', 'write', 'info', 30, 40, 2],
        ['c1', 'read', 'info', 50, undefined, undefined],
      ],
    );
    const result = checkLinearizability(registerModel, history, { at: (t) => `at ${t} ms` });
    assert.equal(result.verdict, 'linearizable');
  });

  it('explains a stale read in virtual ms', () => {
    const ops = [
      op(1, 0, 'c1', 'invoke', 'write', 1),
      op(2, 5, 'c1', 'ok', 'write', 1),
      op(3, 10, 'c2', 'invoke', 'read', null),
      op(4, 15, 'c2', 'ok', 'read', null),
    ];
    const result = checkLinearizability(registerModel, operationsFromKernel(ops), { at: (t) => `at ${t} ms` });
    assert.equal(
      result.summary,
      "c2's read → nil (invoked at 10 ms, completed at 15 ms) fits no order of the history: after the longest consistent order found (1 operation), the register holds 1, and every other order was tried.",
    );
  });

  it('refuses a completion with no invoke, a second invoke while one is open, and a completion of another function', () => {
    const cases: Array<[Op[], RegExp]> = [
      [[op(4, 10, 'c1', 'ok', 'write', 1)], /c1 recorded ok write at 10 ms \(trace event 4\) with no operation open/],
      [
        [op(1, 0, 'c1', 'invoke', 'write', 1), op(2, 5, 'c1', 'invoke', 'read', null)],
        /c1 invoked read at 5 ms \(trace event 2\) while its write was still open/,
      ],
      [
        [op(1, 0, 'c1', 'invoke', 'write', 1), op(2, 5, 'c1', 'ok', 'read', 1)],
        /c1 invoked write but recorded ok read at 5 ms \(trace event 2\)/,
      ],
    ];
    for (const [ops, message] of cases)
      assert.throws(
        () => operationsFromKernel(ops),
        (error: unknown) => error instanceof HistoryError && message.test(error.message),
      );
  });
});
