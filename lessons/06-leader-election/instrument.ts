import type { Instrumentation, Node } from '../../src/kernel';
import type { RaftState, Role } from './contract';

const roles: readonly Role[] = ['follower', 'candidate', 'leader'];

const shape = "state(): { term: number; role: 'follower' | 'candidate' | 'leader' }";

/**
 * Reads a node's term and role after every handler, so each change lands in the trace as a
 * `state` event. A node without a usable state() cannot be graded: the error says what to write.
 */
export function readRaftState(node: Node<any>): RaftState {
  const state = (node as { state?: unknown }).state;
  if (typeof state !== 'function') {
    throw new Error(
      `the Raft class needs a method ${shape} that returns this node's current term and role; the grader calls it after every handler`,
    );
  }
  const value: unknown = state.call(node);
  if (typeof value !== 'object' || value === null) {
    throw new Error(`state() returned ${describe(value)}; it must return an object { term, role } (${shape})`);
  }
  const { term, role } = value as { term?: unknown; role?: unknown };
  if (typeof term !== 'number' || !Number.isInteger(term) || term < 0) {
    throw new Error(
      `state() returned term ${describe(term)}; the term must be a whole number ≥ 0 (0 before the first election)`,
    );
  }
  if (!roles.includes(role as Role)) {
    throw new Error(`state() returned role ${describe(role)}; the role must be 'follower', 'candidate' or 'leader'`);
  }
  return { term, role: role as Role };
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `a ${typeof value} that is not JSON`;
  }
}

export const raftInstrument: Instrumentation<RaftState> = {
  observe: (node) => ({ ...readRaftState(node) }),
};
