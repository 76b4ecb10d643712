import type { Model } from '../model';
import { UNKNOWN } from '../operation';
import { hashScalar, isScalar, show, showZh, unknownFunction, type Scalar } from './values';

const FUNCTIONS = ['enqueue', 'dequeue'];

/** A FIFO queue, empty at first: `enqueue v`, `dequeue → v` (nil when empty). */
export const queueModel: Model<readonly Scalar[]> = {
  name: 'queue',
  init: () => [],
  step(state, f, input, output) {
    if (f === 'enqueue') return { ok: true, next: [...state, input as Scalar] };
    const head = state.length > 0 ? state[0] : null;
    const next = state.length > 0 ? state.slice(1) : state;
    return { ok: output === UNKNOWN || output === head, next };
  },
  equal: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  hash: (state) => state.reduce<number>((h, v) => Math.imul(h ^ hashScalar(v), 0x01000193), state.length),
  validate(f, input, output) {
    if (!FUNCTIONS.includes(f)) return unknownFunction(f, 'queue', FUNCTIONS);
    if (f === 'enqueue' && !isScalar(input)) return `enqueue needs a number, string or nil, got ${show(input)}`;
    if (f === 'dequeue' && output !== UNKNOWN && !isScalar(output))
      return `dequeue must return a number, string or nil, got ${show(output)}`;
    return undefined;
  },
  describe: (op) =>
    op.f === 'enqueue'
      ? `enqueue ${show(op.input)}`
      : `dequeue → ${op.output === UNKNOWN ? '(result unknown)' : show(op.output)}`,
  describeState: (state) =>
    state.length === 0 ? 'the queue is empty' : `the queue holds ${state.map(show).join(', ')} (head first)`,
  translations: {
    'zh-cn': {
      describe: (op) =>
        op.f === 'enqueue'
          ? `enqueue ${showZh(op.input)}`
          : `dequeue，${op.output === UNKNOWN ? '结果未知' : `取出 ${showZh(op.output)}`}`,
      describeState: (state) =>
        state.length === 0 ? '队列是空的' : `队列里从队首起依次是 ${state.map(showZh).join('、')}`,
    },
  },
};
