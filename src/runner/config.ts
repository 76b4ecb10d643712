import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { UnitLimits } from './protocol';

export interface RunnerConfig {
  /** The worker bundle; its catalog must hold the exercise. Default: worker.js beside this bundle. */
  workerFile?: string;
  /** Real time one run (one seed, or one shrink probe) may take before the watchdog stops it, ms. */
  unitBudgetMs?: number;
  /** Real time one exhaustive search (a graded scenario's, or `distsys explore`) may take, ms. */
  searchBudgetMs?: number;
  /** Events one run may process before it ends with a budget verdict. */
  maxEvents?: number;
  /** Workers grading scenarios side by side (default: one per core, at most one per scenario). */
  workers?: number;
  /** Heap of one worker, MB: a run that outgrows it fails with a memory verdict. */
  memoryMb?: number;
  /** What the student's code prints (console.log in a handler); dropped when absent. */
  onOutput?: (text: string) => void;
}

export const DEFAULT_UNIT_BUDGET_MS = 5000;
export const DEFAULT_MAX_EVENTS = 1_000_000;
export const DEFAULT_MEMORY_MB = 1024;
/** Over 60 times what the slowest correct solution of a graded search takes (see each explore.md): a correct solution must never run out of it. */
export const DEFAULT_SEARCH_BUDGET_MS = 300_000;

export interface Settings {
  workerFile: string;
  unitMs: number;
  searchMs: number;
  limits: UnitLimits;
  workers: number;
  memoryMb: number;
  onOutput?: (text: string) => void;
}

export function resolveSettings(config: RunnerConfig): Settings {
  const unitMs = config.unitBudgetMs ?? DEFAULT_UNIT_BUDGET_MS;
  return {
    workerFile: config.workerFile === undefined ? join(__dirname, 'worker.js') : resolve(config.workerFile),
    unitMs,
    searchMs: config.searchBudgetMs ?? DEFAULT_SEARCH_BUDGET_MS,
    // The kernel's own wall-clock limit comes first, so a slow but finite run ends with a clean
    // budget verdict; the watchdog is for handlers that never return.
    limits: { maxEvents: config.maxEvents ?? DEFAULT_MAX_EVENTS, wallClockMs: Math.floor(unitMs * 0.8) },
    workers: Math.max(1, config.workers ?? availableParallelism()),
    memoryMb: config.memoryMb ?? DEFAULT_MEMORY_MB,
    onOutput: config.onOutput,
  };
}
