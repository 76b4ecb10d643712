import { StudentApiError, type Instrumentation, type NodeId } from '../../src/kernel';
import type { SuspicionApi } from './contract';

/**
 * Gives each node `ctx.suspect` and `ctx.trust`; each change of mind lands in the trace as a
 * report `{ suspect }` or `{ trust }`. A call that changes nothing is not recorded. The set lives
 * as long as the node's boot: a restarted node suspects nobody.
 */
export const suspicionApi: Instrumentation = {
  extendContext(node: NodeId, report, nodes): SuspicionApi {
    const suspects = new Set<NodeId>();
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
        if (suspects.has(p)) return;
        suspects.add(p);
        report({ suspect: p });
      },
      trust(name) {
        const p = peer('trust', name);
        if (!suspects.delete(p)) return;
        report({ trust: p });
      },
    };
  },
};
