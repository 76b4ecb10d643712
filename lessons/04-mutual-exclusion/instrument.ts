import { StudentApiError, type Instrumentation } from '../../src/kernel';
import type { CriticalSection } from './contract';

/** Puts every entry and exit in the trace; entering twice or leaving without entering is a misuse of the API. */
export const criticalSection: Instrumentation = {
  extendContext(node, report, _nodes, _role, _show, memory): CriticalSection {
    // Memory is empty at each boot: a crash has already ended this node's stay inside.
    return {
      enter() {
        if (memory.inside === true)
          throw new StudentApiError(`enter() at ${node}: this node is already in the critical section; exit() first`);
        memory.inside = true;
        report({ event: 'enter' });
      },
      exit() {
        if (memory.inside !== true)
          throw new StudentApiError(`exit() at ${node}: this node is not in the critical section; enter() first`);
        memory.inside = false;
        report({ event: 'exit' });
      },
    };
  },
};
