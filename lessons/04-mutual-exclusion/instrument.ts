import { StudentApiError, type Instrumentation } from '../../src/kernel';
import type { CriticalSection } from './contract';

/** Puts every entry and exit in the trace; entering twice or leaving without entering is a misuse of the API. */
export const criticalSection: Instrumentation = {
  extendContext(node, report): CriticalSection {
    // A new context per boot: a crash has already ended this node's stay inside.
    let inside = false;
    return {
      enter() {
        if (inside)
          throw new StudentApiError(`enter() at ${node}: this node is already in the critical section; exit() first`);
        inside = true;
        report({ event: 'enter' });
      },
      exit() {
        if (!inside)
          throw new StudentApiError(`exit() at ${node}: this node is not in the critical section; enter() first`);
        inside = false;
        report({ event: 'exit' });
      },
    };
  },
};
