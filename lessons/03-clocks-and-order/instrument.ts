import { StudentApiError, type Instrumentation, type NodeId } from '../../src/kernel';
import type { DeliveryApi, VectorClock } from './contract';

/**
 * Gives each node `ctx.deliver`; each call lands in the trace as a report `{ deliver, clock }`,
 * the clock with an entry for every node of the cluster (missing entries are 0).
 */
export const deliveryApi: Instrumentation = {
  extendContext(node: NodeId, report, nodes): DeliveryApi {
    return {
      deliver(id: unknown, clock: unknown) {
        if (typeof id !== 'string' || id === '') {
          throw new StudentApiError(`deliver(${JSON.stringify(id)}) at ${node}: a message id is a non-empty string`);
        }
        report({ deliver: id, clock: fullClock(node, id, clock, nodes) });
      },
    };
  },
};

function fullClock(node: NodeId, id: string, clock: unknown, nodes: readonly NodeId[]): VectorClock {
  const where = `deliver("${id}", …) at ${node}`;
  if (typeof clock !== 'object' || clock === null || Array.isArray(clock)) {
    throw new StudentApiError(`${where}: the clock is an object node → count, such as { n1: 2, n3: 1 }`);
  }
  const entries = clock as Record<string, unknown>;
  for (const [key, count] of Object.entries(entries)) {
    if (!nodes.includes(key)) {
      throw new StudentApiError(
        `${where}: the clock names "${key}", which is none of the cluster's nodes (${nodes.join(', ')})`,
      );
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new StudentApiError(
        `${where}: the clock's entry for ${key} is ${JSON.stringify(count)}, not a whole number ≥ 0`,
      );
    }
  }
  return Object.fromEntries(nodes.map((n) => [n, (entries[n] as number | undefined) ?? 0]));
}
