export {
  checkLinearizability,
  DEFAULT_BUDGET,
  type CheckOptions,
  type LinearizabilityResult,
  type LinearizabilityVerdict,
  type PartitionResult,
  type Violation,
} from './check';
export { HistoryError } from './errors';
export { operationsFromKernel } from './kernelHistory';
export type { Model, ModelWords, Partition, StepResult } from './model';
export { violationSentence, type ViolationParts } from './violationText';
export { models } from './models';
export { kvModel, type KvState, type KvValue } from './models/kv';
export { queueModel } from './models/queue';
export { casRegisterModel, registerModel } from './models/register';
export { processName, UNKNOWN, type HistoryOperation, type Operation, type Outcome } from './operation';
export { HistoryFormatError, parseJepsenHistory } from './jepsenHistory';
