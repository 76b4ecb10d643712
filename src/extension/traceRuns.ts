import * as vscode from 'vscode';
import type { Choice, FaultSchedule } from '../kernel';
import { grade, runSeed, type Job, type SeedRun } from '../runner';
import { replayOf } from './core/traceReplay';
import type { StudentExercise } from './studentExercises';
import { mayRunCode } from './trust';
import type { Workbook } from './workbook';

/** One run to show as a space-time diagram: the student's file on a scenario and seed, maybe replayed with a shrunk schedule. */
export interface TraceRequest {
  student: StudentExercise;
  scenario: string;
  seed: number;
  faults?: FaultSchedule;
  duration?: number;
  /** The schedule and length are what shrinking kept. */
  shrunk?: boolean;
  /** A searched scenario's violation: its path of choices, replayed instead of the seed's run. */
  choices?: Choice[];
  /** The file's text to run (a graded submission); the file as it is now when absent. */
  source?: string;
  /** Shown above the verdict: which submission the run is of. */
  note?: string;
}

export interface TraceResult {
  request: TraceRequest;
  /** The trace file, as `distsys run --trace` writes it. */
  text: string;
  /** The events the failure points at, to ring in the diagram. */
  highlight?: number[];
}

/** Runs one seed with its trace in a worker thread, with a notification that can cancel it. */
export async function runTrace(workbook: Workbook, request: TraceRequest): Promise<TraceResult | undefined> {
  if (!mayRunCode()) return undefined;
  const { student, scenario, seed } = request;
  const source = request.source ?? (await studentSource(student));
  const title = vscode.l10n.t('Running {0} · {1} · seed {2}…', student.exercise.id, scenario, seed);
  const outcome = await withJob(title, () =>
    runSeed(
      {
        exercise: student.exercise,
        source,
        file: student.file,
        scenarios: student.scenarios,
        scenario,
        seed,
        faults: request.faults,
        duration: request.duration,
        ...(request.choices ? { choices: request.choices } : {}),
        trace: true,
      },
      workbook.runnerConfig((text) => workbook.output.append(text)),
    ),
  );
  switch (outcome?.status) {
    case 'ran':
      return traceOf(request, outcome.run);
    case 'stopped':
      // A run stopped in a handler that never returned is shown up to that handler.
      if (outcome.partial) return traceOf(request, outcome.partial);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The run was stopped, so it has no trace: {0}', outcome.failure.explanation),
      );
      return undefined;
    case 'load-error':
      void vscode.window.showErrorMessage(outcome.error.message);
      return undefined;
    default:
      return undefined;
  }
}

/** Grades one seed with shrinking and runs what the shrinker kept: the fewest faults and the shortest run that still fail. */
export async function shrinkTrace(workbook: Workbook, request: TraceRequest): Promise<TraceResult | undefined> {
  if (!mayRunCode()) return undefined;
  const { student, scenario, seed } = request;
  const source = request.source ?? (await studentSource(student));
  const title = vscode.l10n.t('Shrinking {0} · {1} · seed {2}…', student.exercise.id, scenario, seed);
  const outcome = await withJob(title, () =>
    grade(
      {
        exercise: student.exercise,
        source,
        file: student.file,
        scenarios: student.scenarios,
        options: { scenario, seed, shrink: true },
      },
      workbook.runnerConfig((text) => workbook.output.append(text)),
    ),
  );
  if (outcome?.status === 'load-error') void vscode.window.showErrorMessage(outcome.error.message);
  if (outcome?.status !== 'graded') return undefined;
  const failure = outcome.report.scenarios[0]?.failure;
  if (failure === undefined) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Seed {0} of {1} passes: there is no failure to shrink.', seed, scenario),
    );
    return undefined;
  }
  const kept = replayOf(failure);
  return runTrace(workbook, { ...request, ...kept, source });
}

function traceOf(request: TraceRequest, run: SeedRun): TraceResult {
  return {
    request,
    text: `${(run.traceLines ?? []).join('\n')}\n`,
    ...(run.failure?.events ? { highlight: run.failure.events } : {}),
  };
}

async function studentSource(student: StudentExercise): Promise<string> {
  return (await vscode.workspace.openTextDocument(student.uri)).getText();
}

/** Waits for a job under a cancellable notification; a runner failure becomes an error message. */
async function withJob<T>(title: string, start: () => Job<T>): Promise<T | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      const job = start();
      const cancelling = token.onCancellationRequested(() => job.cancel());
      try {
        return await job.done;
      } catch (error) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('The grader failed: {0}', error instanceof Error ? error.message : String(error)),
        );
        return undefined;
      } finally {
        cancelling.dispose();
      }
    },
  );
}
