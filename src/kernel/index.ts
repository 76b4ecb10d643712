export type { AnyMessage, Context, Message, Node, NodeClass, NodeId, Storage } from './api';
export { LocalClock } from './clock';
export { StudentApiError } from './errors';
export { EventQueue } from './eventQueue';
export { describeFault, describeTrigger, validateSchedule, type Fault, type FaultSchedule, type FaultTrigger, type ScheduledFault } from './faults';
export { reliableNetwork, type LinkBehavior, type NetworkConfig } from './network';
export { Random, hashString } from './prng';
export { CLIENT, simulate, type ClientRequest, type Instrumentation, type MessageCounts, type RunBudget, type RunOutcome, type RunResult, type RunSpec } from './simulation';
export { eventKinds, NETWORK_LANE, Trace, type EventKind, type TraceEvent, type TraceHeader } from './trace';
