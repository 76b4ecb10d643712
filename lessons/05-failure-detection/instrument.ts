import { StudentApiError, type Instrumentation, type NodeId } from '../../src/kernel';
import type { SuspicionApi } from './contract';

/**
 * Gives each node `ctx.suspect` and `ctx.trust`; each change of mind lands in the trace as a
 * report `{ suspect }` or `{ trust }`. A call that changes nothing is not recorded. The set lives
 * as long as the node's boot: a restarted node suspects nobody.
 */
export const suspicionApi: Instrumentation = {
  extendContext(node: NodeId, report, nodes, _role, _show, memory): SuspicionApi {
    // Kept where a copy of the process keeps it: peer → suspected.
    const suspects = ((memory.suspects as Record<NodeId, true> | undefined) ??= {});
    const peer = (call: string, name: unknown): NodeId => {
      if (typeof name !== 'string' || !nodes.includes(name)) {
        throw new StudentApiError(
          `${call}(${JSON.stringify(name)}) at ${node}: a peer is one of the cluster's nodes (${nodes.join(', ')})`,
        );
      }
      if (name === node) {
        throw new StudentApiError(`${call}("${name}") at ${node}: a node does not watch itself`);
      }
      return name;
    };
    return {
      suspect(name) {
        const p = peer('suspect', name);
        if (suspects[p] === true) return;
        suspects[p] = true;
        report({ suspect: p });
      },
      trust(name) {
        const p = peer('trust', name);
        if (suspects[p] !== true) return;
        delete suspects[p];
        report({ trust: p });
      },
    };
  },
};
