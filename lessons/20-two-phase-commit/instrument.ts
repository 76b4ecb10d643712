import { StudentApiError, type Instrumentation, type NodeId } from '../../src/kernel';
import type { TransactionResources } from './contract';
import { canCommitFor, COORDINATOR, participantsOf } from './transactions';

/** Where a node stands with its latest transaction: what its lane shows. */
export type TransactionState = 'working' | 'prepared' | 'committed' | 'aborted';

/**
 * Gives each node its role and its resources; every outcome and every answer lands in the trace,
 * and each node's lane shows where it stands with the transaction it touched last.
 */
export const transactionResources: Instrumentation = {
  extendContext(node: NodeId, report, nodes, _role, show, memory): TransactionResources {
    const participants = Object.freeze(participantsOf(nodes));
    // The transactions this boot has answered canCommit for, kept where a copy of the process keeps it.
    const answered = ((memory.answered as Record<string, true> | undefined) ??= {});
    const txName = (call: string, tx: unknown): string => {
      if (typeof tx !== 'string')
        throw new StudentApiError(`${call}: the transaction id must be a string, got ${JSON.stringify(tx)}`);
      return tx;
    };
    // The state first: the diagram colours a lane by the first field the nodes report.
    const stand = (tx: string, state: TransactionState): void => show({ state, tx });
    return {
      coordinator: COORDINATOR,
      participants,
      canCommit(tx) {
        txName('canCommit', tx);
        if (node === COORDINATOR) {
          throw new StudentApiError(
            `canCommit("${tx}") at ${node}: the coordinator holds no data, so it has no answer of its own; ask the participants (Prepare) and count their votes`,
          );
        }
        const yes = canCommitFor(tx, node);
        // One line per transaction and boot keeps the trace readable when Prepares are resent.
        if (answered[tx] !== true) {
          report({ event: 'canCommit', tx, yes });
          stand(tx, 'working');
        }
        answered[tx] = true;
        return yes;
      },
      prepare(tx) {
        txName('prepare', tx);
        if (node === COORDINATOR) {
          throw new StudentApiError(
            `prepare("${tx}") at ${node}: the coordinator holds no data to prepare; participants prepare their own work before they vote yes`,
          );
        }
        if (!canCommitFor(tx, node)) {
          throw new StudentApiError(
            `prepare("${tx}") at ${node}: canCommit("${tx}") is false here, so there is nothing that may commit; vote no (and abort) instead`,
          );
        }
        report({ event: 'prepare', tx });
        stand(tx, 'prepared');
      },
      commit(tx) {
        report({ event: 'commit', tx: txName('commit', tx) });
        stand(tx, 'committed');
      },
      abort(tx) {
        report({ event: 'abort', tx: txName('abort', tx) });
        stand(tx, 'aborted');
      },
    };
  },
};
