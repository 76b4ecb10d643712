import assert from 'node:assert/strict';
import {
  checkLinearizability,
  kvModel,
  models,
  type HistoryOperation,
  type Model,
} from '../../../src/grader/linearizability';
import { Random } from '../../../src/kernel/prng';
import { draws, linearizableByBruteForce, mutate, sequentialHistory, wholeStore } from './histories';

/** The brute-force oracle for a model: the kv one over the whole store, so partitioning is checked too. */
const oracleModel = (name: string): Model<unknown> =>
  (name === 'kv' ? wholeStore(kvModel) : models[name]) as Model<unknown>;

describe('linearizability: randomized, against the definition', () => {
  for (const name of Object.keys(draws)) {
    const model = models[name] as Model<unknown>;
    const draw = draws[name] as (typeof draws)[string];

    // A lost enqueue may take effect at many points, each leaving a different queue: the search
    // grows fast with them, so queue histories are kept shorter.
    const longest = name === 'queue' ? 24 : 60;

    it(`${name}: every history of a real sequential execution, overlapped at random, is linearizable`, () => {
      const random = new Random(1, `sequential ${name}`);
      for (let i = 0; i < 300; i++) {
        const history = sequentialHistory(random, draw, 1 + random.int(longest), 1 + random.int(6));
        const result = checkLinearizability(model, history);
        assert.equal(result.verdict, 'linearizable', `history ${i}: ${JSON.stringify(history)}\n${result.summary}`);
      }
    });

    it(`${name}: on tiny histories, mutated or not, the verdict is the brute-force permutation checker's`, () => {
      const random = new Random(2, `brute force ${name}`);
      const oracle = oracleModel(name);
      const seen = { linearizable: 0, 'not-linearizable': 0 };
      for (let i = 0; i < 600; i++) {
        const base = sequentialHistory(random, draw, 1 + random.int(7));
        const history = i % 3 === 0 ? base : mutate(random, base);
        const expected = linearizableByBruteForce(oracle, history) ? 'linearizable' : 'not-linearizable';
        const result = checkLinearizability(model, history);
        assert.equal(result.verdict, expected, `history ${i}: ${JSON.stringify(history)}`);
        seen[expected]++;
        if (result.verdict === 'not-linearizable') {
          const { order, blocked } = result.violation as NonNullable<typeof result.violation>;
          assert.ok(!order.includes(blocked), 'the blocked operation is not in the order');
        }
      }
      assert.ok(
        seen['not-linearizable'] > 30,
        `only ${seen['not-linearizable']} non-linearizable histories were drawn`,
      );
      assert.ok(seen.linearizable > 200, `only ${seen.linearizable} linearizable histories were drawn`);
    });
  }
});

describe('linearizability: operations of unknown outcome, against the definition', () => {
  /** The history with each `ok` operation's outcome lost at the given chance: it may have taken effect or not. */
  const withLostOutcomes = (random: Random, history: readonly HistoryOperation[], chance: number): HistoryOperation[] =>
    history.map((op) =>
      op.outcome === 'ok' && random.chance(chance)
        ? { process: op.process, f: op.f, value: op.value, outcome: 'info', invoke: op.invoke }
        : op,
    );

  for (const name of ['register', 'cas-register']) {
    it(`${name}: with many info operations, mutated or not, the verdict is the brute-force permutation checker's`, () => {
      const model = models[name] as Model<unknown>;
      const draw = draws[name] as (typeof draws)[string];
      const random = new Random(3, `unknown outcomes ${name}`);
      const seen = { linearizable: 0, 'not-linearizable': 0 };
      for (let i = 0; i < 600; i++) {
        const base = withLostOutcomes(random, sequentialHistory(random, draw, 2 + random.int(7)), 0.4);
        const history = i % 3 === 0 ? base : mutate(random, base);
        const expected = linearizableByBruteForce(model, history) ? 'linearizable' : 'not-linearizable';
        const result = checkLinearizability(model, history);
        assert.equal(result.verdict, expected, `history ${i}: ${JSON.stringify(history)}`);
        seen[expected]++;
      }
      assert.ok(
        seen['not-linearizable'] > 30,
        `only ${seen['not-linearizable']} non-linearizable histories were drawn`,
      );
      assert.ok(seen.linearizable > 150, `only ${seen.linearizable} linearizable histories were drawn`);
    });
  }
});
