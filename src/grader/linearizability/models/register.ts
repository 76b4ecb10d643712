import type { Model } from '../model';
import { UNKNOWN, type Output } from '../operation';
import { hashScalar, isScalar, show, showZh, unknownFunction, type Scalar } from './values';

/**
 * A single register, empty (nil) at first: `write v`, `read → v`; with `cas` also
 * `cas [expected new]`, which an `ok` says took effect (a cas that did not is a `fail`).
 */
function registerOf(name: string, withCas: boolean): Model<Scalar> {
  const functions = withCas ? ['read', 'write', 'cas'] : ['read', 'write'];
  return {
    name,
    init: () => null,
    step(state, f, input, output) {
      if (f === 'write') return { ok: true, next: input as Scalar };
      if (f === 'read') return { ok: output === UNKNOWN || output === state, next: state };
      const [expected, next] = input as [Scalar, Scalar];
      if (state === expected) return { ok: true, next };
      return { ok: output === UNKNOWN, next: state };
    },
    equal: (a, b) => a === b,
    hash: hashScalar,
    validate(f, input, output) {
      if (!functions.includes(f)) {
        const hint = f === 'cas' ? ' (use the cas-register model)' : '';
        return unknownFunction(f, name, functions) + hint;
      }
      if (f === 'write' && !isScalar(input)) return `write needs a number, string or nil, got ${show(input)}`;
      if (f === 'read' && output !== UNKNOWN && !isScalar(output))
        return `read must return a number, string or nil, got ${show(output)}`;
      if (f === 'cas' && !(Array.isArray(input) && input.length === 2 && input.every(isScalar)))
        return `cas needs [expected new], got ${show(input)}`;
      return undefined;
    },
    describe: (op) => describeRegisterOp(op.f, op.input, op.output),
    describeState: (state) => `the register holds ${show(state)}`,
    translations: {
      'zh-cn': {
        describe: (op) => describeRegisterOpZh(op.f, op.input, op.output),
        describeState: (state) => `寄存器的值是 ${showZh(state)}`,
      },
    },
  };
}

function describeRegisterOp(f: string, input: unknown, output: Output): string {
  if (f === 'read') return output === UNKNOWN ? 'read (result unknown)' : `read → ${show(output)}`;
  if (f === 'write') return `write ${show(input)}`;
  const [expected, next] = input as [Scalar, Scalar];
  return `cas ${show(expected)} → ${show(next)}${output === UNKNOWN ? ' (outcome unknown)' : ''}`;
}

function describeRegisterOpZh(f: string, input: unknown, output: Output): string {
  if (f === 'read') return output === UNKNOWN ? 'read，结果未知' : `read 读到 ${showZh(output)}`;
  if (f === 'write') return `write ${showZh(input)}`;
  const [expected, next] = input as [Scalar, Scalar];
  return `cas ${showZh(expected)} → ${showZh(next)}${output === UNKNOWN ? '，结局未知' : ''}`;
}

export const registerModel = registerOf('register', false);
export const casRegisterModel = registerOf('cas-register', true);
