import type { Message, Node, NodeClass, NodeId } from './api';
import type { FaultSchedule } from './faults';
import type { HandlerHooks } from './handlers';
import type { NetworkConfig } from './network';
import type { StateTable } from './stateTable';
import type { ObservedState, Trace } from './trace';

/** The lane of a scenario's fixed workload: requests leave from it, replies to it are only recorded. */
export const CLIENT: NodeId = 'client';

/** A request the scenario's client sends to a node at a virtual time. */
export interface ClientRequest {
  at: number;
  to: NodeId;
  msg: Message;
}

/**
 * What an exercise adds to the kernel: extra context methods and an observable state. Both are
 * asked for every process; `role` tells the nodes from the processes a scenario adds (clients…).
 */
export interface Instrumentation<S extends ObservedState = ObservedState> {
  /**
   * Extra API merged into a process's context; `report` writes a report event on its lane; `nodes`
   * is the whole cluster; `show` sets the state its lane shows from now on (a prepared transaction),
   * recorded like `observe`'s after the handler, for states the extra API sees and the node's fields do not.
   * `memory` is where the API keeps what it must remember about this process until it crashes (a
   * flag, a count): JSON data, empty at each boot. Keep such state there, not in a closure: a
   * search's copy of a process copies its memory and makes a new context, and tells states apart
   * by it.
   */
  extendContext?(
    node: NodeId,
    report: (data: Record<string, unknown>) => void,
    nodes: readonly NodeId[],
    role: string,
    show: (state: S) => void,
    memory: Record<string, unknown>,
  ): object;
  /** A process's observable state (role, term…); recorded in the trace whenever it changes. */
  observe?(node: Node<any>, role: string): S | undefined;
}

export interface RunBudget {
  maxEvents: number;
  wallClockMs: number;
  /** The host's real clock (ms); the kernel has none of its own. */
  wallClock: () => number;
}

/** A process beside the cluster's nodes, with a role and a program of its own: a client, a coordinator, a view service. */
export interface ProcessSpec {
  id: NodeId;
  role: string;
  program: NodeClass;
}

/** The role of the cluster's nodes. */
export const NODE_ROLE = 'node';

export interface RunSpec<S extends ObservedState = ObservedState> {
  /** The program every node runs. */
  program: NodeClass;
  /** The cluster: processes of role "node". A partition splits them (the nodes a fault lists in no group form one more group). */
  nodes: readonly NodeId[];
  /**
   * Further processes, each with its role and program; their lanes follow the nodes'. A partition
   * cuts a process's links only where a group names it: an unnamed client still reaches every node.
   */
  processes?: readonly ProcessSpec[];
  network: NetworkConfig;
  faults: FaultSchedule;
  clocks?: Record<NodeId, { skewMs?: number; drift?: number }>;
  workload?: readonly ClientRequest[];
  /** Virtual ms to simulate. */
  duration: number;
  seed: number;
  trace: boolean;
  /** Also record every process's fields and storage after each handler, beside the trace (see StateTable); needs `trace`. */
  recordStates?: boolean;
  budget?: RunBudget;
  instrument?: Instrumentation<S>;
  hooks?: HandlerHooks;
  /** Copied into the trace header (exercise, scenario…). */
  meta?: Record<string, unknown>;
}

export type RunOutcome =
  | { status: 'completed' }
  | {
      status: 'threw';
      node: NodeId;
      time: number;
      handler: string;
      error: { name: string; message: string; stack: string };
    }
  | { status: 'budget'; budget: 'events' | 'wall-clock'; time: number; limit: number };

export interface MessageCounts {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  byType: Record<string, number>;
}

export interface RunResult<S extends ObservedState = ObservedState> {
  outcome: RunOutcome;
  /** Virtual time at which the run stopped. */
  endTime: number;
  /** Queue entries handled: boots, deliveries, timers, faults… */
  events: number;
  messages: MessageCounts;
  trace?: Trace<S>;
  /** Every process's fields and storage through the run, when `recordStates` asked for them. */
  states?: StateTable;
}
