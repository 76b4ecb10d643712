export { assertNever } from './assertNever';
export type { AnyMessage, Context, History, Message, Node, NodeClass, NodeId, OpType, Storage } from './api';
export {
  choiceNetwork,
  openChoiceSession,
  replayChoices,
  type Choice,
  type ChoiceSession,
  type FaultBudget,
} from './choices';
export { LocalClock } from './clock';
export { StudentApiError } from './errors';
export { EventQueue } from './eventQueue';
export type { EventId, PendingEvent, PendingKind } from './events';
export {
  faultEvents,
  faultKind,
  faultKinds,
  isFaultKind,
  recordedFault,
  type FaultEffect,
  type FaultKind,
  type FaultKindSpec,
  type FaultTarget,
  type FaultWindow,
} from './faultKinds';
export {
  describeFault,
  describeTrigger,
  faultProblems,
  validateSchedule,
  type Fault,
  type FaultOf,
  type FaultSchedule,
  type FaultTrigger,
  type ScheduledFault,
} from './faults';
export { historyOf, type Op } from './history';
export { messagesInFlight, type InFlightCopy } from './inFlight';
export { describeHandler, handlerKinds, type HandlerCall, type HandlerHooks } from './handlers';
export { partitionSides, Partitions, reliableNetwork, type LinkBehavior, type NetworkConfig } from './network';
export { Random, hashString } from './prng';
export {
  CLIENT,
  NODE_ROLE,
  type ClientRequest,
  type Instrumentation,
  type MessageCounts,
  type ProcessSpec,
  type RunBudget,
  type RunOutcome,
  type RunResult,
  type RunSpec,
} from './runSpec';
export { openSession, simulate, type Session } from './session';
export {
  byCodeUnits,
  defaultCaps,
  snapshotFields,
  snapshotStorage,
  snapshotValue,
  type SnapshotCaps,
  type StateValue,
} from './snapshot';
export { readStateTable, StateReader, type NodeState } from './stateReader';
export {
  StateRecorder,
  STATE_TABLE_FORMAT,
  type EntriesDiff,
  type RecordedChange,
  type StateTable,
} from './stateTable';
export { canonicalJson } from './stateKey';
export { holdSimulatedGlobals } from './determinism';
export { hashStateKey } from './stateHash';
export { describeStateValue } from './stateText';
export { trafficByType, type TypeTraffic } from './traffic';
export {
  eventKinds,
  NETWORK,
  NETWORK_LANE,
  Trace,
  type EventData,
  type EventKind,
  type ObservedState,
  type TraceEvent,
  type TraceHeader,
} from './trace';
