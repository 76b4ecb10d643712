import * as vscode from 'vscode';
import { exerciseTitle, groupByCause, scenarioDescription, type Scenario, type ScenarioReport } from '../grader';
import { grade, type GradeOutcome, type Job } from '../runner';
import { affectsLanguage, settings } from './config';
import { failureMessage, loadErrorMessage, measuredLines, type MessageSpec } from './core/failureMessage';
import { currentScore, scoredCoverage } from './core/progress';
import { planRun, type RunTarget } from './core/runPlan';
import { replayOf, type Replay } from './core/traceReplay';
import { BROKEN_RUNS_CONTEXT, COMMANDS, FAILURE_MESSAGE, TEST_CONTROLLER, WALKTHROUGH_CONTEXT } from './ids';
import type { StudentExercise } from './studentExercises';
import { mayRunCode, restrictedReason } from './trust';
import type { Workbook } from './workbook';

/**
 * What "Open Trace" replays for a scenario item: the failure behind its last red result, or, for a
 * fault schedule that passed, the run in which it broke the program under attack.
 */
export interface LastRun {
  student: StudentExercise;
  scenario: string;
  replay: Replay;
  /** The file's text as graded: the run is replayed with it, whatever the file holds now. */
  source: string;
}

interface ItemTarget {
  student: StudentExercise;
  scenario?: Scenario;
}

/**
 * The Testing view's side: each exercise in the workspace is a test item with its scenarios as
 * children. Runs grade in worker threads, report each scenario as it finishes, stop on cancel, and
 * in continuous mode grade again on every save of the exercise.
 */
export class ExerciseTests implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController(
    TEST_CONTROLLER,
    vscode.l10n.t('Distributed Systems'),
  );
  private readonly profile: vscode.TestRunProfile;
  private readonly targets = new WeakMap<vscode.TestItem, ItemTarget>();
  private readonly lastRuns = new Map<string, LastRun>();
  /** Items whose last run is a schedule's success, not a failure (the context key's value). */
  private readonly broken = new Set<string>();
  /** The grading under way for each student file; a newer run of the same file replaces it. */
  private readonly jobs = new Map<string, Job<GradeOutcome>>();
  private readonly disposables: vscode.Disposable[] = [this.controller];

  constructor(private readonly workbook: Workbook) {
    this.profile = this.controller.createRunProfile(
      vscode.l10n.t('Grade'),
      vscode.TestRunProfileKind.Run,
      (request, token) => this.handle(request, token),
      true,
      undefined,
      true,
    );
    this.controller.resolveHandler = () => workbook.students.refresh();
    this.disposables.push(
      workbook.students.onDidChange(() => this.sync()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsLanguage(e)) this.sync();
      }),
    );
    this.sync();
  }

  /** The run last reported for a scenario item, or for the item of that id (a message's link names it). */
  lastRun(item: vscode.TestItem | string | undefined): LastRun | undefined {
    return item === undefined ? undefined : this.lastRuns.get(typeof item === 'string' ? item : item.id);
  }

  /** Grades an exercise, or one scenario of it, as if run from the Testing view. */
  async runItems(student: StudentExercise, scenario?: string): Promise<void> {
    const exerciseItem = this.controller.items.get(student.uri.toString());
    const item = scenario === undefined ? exerciseItem : exerciseItem?.children.get(scenarioId(student, scenario));
    if (item === undefined) return;
    const cancel = new vscode.CancellationTokenSource();
    try {
      await this.handle(new vscode.TestRunRequest([item], undefined, this.profile), cancel.token);
    } finally {
      cancel.dispose();
    }
  }

  private sync(): void {
    const language = settings.language();
    const items = this.workbook.students.all.map((student) => {
      const item = this.controller.createTestItem(student.uri.toString(), student.exercise.id, student.uri);
      item.description = exerciseTitle(student.exercise, language);
      this.targets.set(item, { student });
      item.children.replace(
        student.exercise.scenarios.map((scenario, index) => {
          const child = this.controller.createTestItem(scenarioId(student, scenario.name), scenario.name, student.uri);
          child.description = scenarioDescription(scenario, language);
          child.sortText = String(index).padStart(4, '0');
          this.targets.set(child, { student, scenario });
          return child;
        }),
      );
      return item;
    });
    this.controller.items.replace(items);
  }

  private async handle(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    if (!vscode.workspace.isTrusted) return this.refuse(request);
    if (request.continuous) return this.watch(request, token);
    await this.execute(request, token);
  }

  /** Restricted Mode: the run shows up, its scenarios skipped, with the reason in its output. */
  private refuse(request: vscode.TestRunRequest): void {
    mayRunCode();
    const run = this.controller.createTestRun(request, undefined, false);
    run.appendOutput(`${restrictedReason()}\r\n`);
    const items: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => void items.push(item));
    for (const item of request.include ?? items) run.skipped(item);
    run.end();
  }

  /** Continuous mode: each save of a watched exercise file starts a new run of it. */
  private watch(request: vscode.TestRunRequest, token: vscode.CancellationToken): void {
    const saved = vscode.workspace.onDidSaveTextDocument((document) => {
      const student = this.workbook.students.of(document.uri);
      if (student === undefined) return;
      const include = request.include?.filter(
        (item) => this.targets.get(item)?.student.uri.toString() === student.uri.toString(),
      );
      if (include !== undefined && include.length === 0) return;
      const exerciseItem = this.controller.items.get(student.uri.toString());
      if (exerciseItem === undefined) return;
      void this.execute(new vscode.TestRunRequest(include ?? [exerciseItem], request.exclude, request.profile), token);
    });
    token.onCancellationRequested(() => {
      saved.dispose();
    });
  }

  private async execute(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const stop = new vscode.CancellationTokenSource();
    const listening = [
      token.onCancellationRequested(() => stop.cancel()),
      run.token.onCancellationRequested(() => stop.cancel()),
    ];
    try {
      const asTarget = (item: vscode.TestItem): RunTarget[] => {
        const target = this.targets.get(item);
        return target
          ? [
              {
                exercise: target.student.uri.toString(),
                ...(target.scenario ? { scenario: target.scenario.name } : {}),
              },
            ]
          : [];
      };
      const students = new Map(this.workbook.students.all.map((s) => [s.uri.toString(), s]));
      const available = [...students].map(([key, s]) => ({
        exercise: key,
        scenarios: s.exercise.scenarios.map((x) => x.name),
      }));
      const plan = planRun(request.include?.flatMap(asTarget), request.exclude?.flatMap(asTarget) ?? [], available);
      for (const planned of plan) {
        const student = students.get(planned.exercise);
        if (student === undefined || stop.token.isCancellationRequested) continue;
        await this.gradeStudent(run, student, planned.whole ? undefined : planned.scenarios, stop.token);
      }
    } finally {
      for (const l of listening) l.dispose();
      stop.dispose();
      run.end();
    }
  }

  /** Grades one exercise file: all of it in one job, or the given scenarios one job each. */
  private async gradeStudent(
    run: vscode.TestRun,
    student: StudentExercise,
    only: string[] | undefined,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { exercise } = student;
    const names = only ?? exercise.scenarios.map((s) => s.name);
    const items = new Map(
      names.flatMap((name) => {
        const item = this.controller.items.get(student.uri.toString())?.children.get(scenarioId(student, name));
        return item ? [[name, item] as const] : [];
      }),
    );
    for (const item of items.values()) run.enqueued(item);
    const pending = new Set(items.keys());
    const verdicts: Array<{ name: string; passed: boolean }> = [];
    const failed: ScenarioReport[] = [];
    const source = (await vscode.workspace.openTextDocument(student.uri)).getText();
    const finish = (each: (item: vscode.TestItem) => void): void => {
      for (const name of pending) {
        const item = items.get(name);
        if (item) each(item);
      }
      pending.clear();
    };

    for (const scenario of only ?? [undefined]) {
      if (token.isCancellationRequested) break;
      const job = grade(
        {
          exercise,
          source,
          file: student.file,
          scenarios: student.scenarios,
          options: { seeds: settings.seedsPerScenario(), ...(scenario !== undefined ? { scenario } : {}) },
          onScenarioStart: (name) => {
            const item = items.get(name);
            if (item) run.started(item);
          },
          onScenario: (report) => {
            pending.delete(report.name);
            verdicts.push(report);
            if (!report.passed) failed.push(report);
            const item = items.get(report.name);
            if (item) this.report(run, item, { student, source, failed }, report);
          },
        },
        this.workbook.runnerConfig((text) => run.appendOutput(text.replace(/\r?\n/g, '\r\n'))),
      );
      const key = student.uri.toString();
      this.jobs.get(key)?.cancel();
      this.jobs.set(key, job);
      const cancelling = token.onCancellationRequested(() => job.cancel());
      let outcome: GradeOutcome;
      try {
        outcome = await job.done;
      } catch (error) {
        const message = new vscode.TestMessage(
          vscode.l10n.t('The grader failed: {0}', error instanceof Error ? error.message : String(error)),
        );
        finish((item) => run.errored(item, message));
        break;
      } finally {
        cancelling.dispose();
        if (this.jobs.get(key) === job) this.jobs.delete(key);
      }
      if (outcome.status === 'load-error') {
        const message = this.message(student, loadErrorMessage(outcome.error, student.file));
        // A file that does not load fails every scenario asked for: no earlier pass may still count.
        for (const name of pending) verdicts.push({ name, passed: false });
        finish((item) => run.errored(item, message));
        break;
      }
      if (outcome.status === 'cancelled') break;
    }
    finish((item) => run.skipped(item));

    if (verdicts.length > 0) {
      const progress = await this.workbook.progress.record(exercise, verdicts);
      // The walkthrough's last step completes on this.
      void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.graded, true);
      const { earned, max } = currentScore(exercise, progress);
      const { graded, scored } = scoredCoverage(
        exercise,
        verdicts.map((v) => v.name),
      );
      const score =
        graded === scored
          ? vscode.l10n.t('{0}: {1}/{2} points', exercise.id, earned, max)
          : vscode.l10n.t(
              '{0}: {1}/{2} points from every grade so far; this run graded {3} of the {4} scored scenarios',
              exercise.id,
              earned,
              max,
              graded,
              scored,
            );
      run.appendOutput(`${score}\r\n`);
    }
  }

  /** `failed`: this run's failing scenarios so far, the one reported last; one cause is told once. */
  private report(
    run: vscode.TestRun,
    item: vscode.TestItem,
    { student, source, failed }: { student: StudentExercise; source: string; failed: readonly ScenarioReport[] },
    report: ScenarioReport,
  ): void {
    const measurements = report.measurements ?? [];
    if (report.passed || report.failure === undefined) {
      this.lastRuns.delete(item.id);
      // A passing figure is still worth seeing: how far under its limit the solution is.
      for (const line of measuredLines(measurements, vscode.l10n.t))
        run.appendOutput(`${report.name}: ${line}\r\n`, undefined, item);
      if (report.broken) {
        // A schedule's success: how it broke the program, and its run to open from the item.
        for (const note of report.notes ?? []) run.appendOutput(`${report.name}: ${note}\r\n`, undefined, item);
        this.lastRuns.set(item.id, {
          student,
          scenario: report.name,
          replay: { ...report.broken, shrunk: false },
          source,
        });
      }
      this.markBroken(item.id, report.broken !== undefined);
      run.passed(item);
      return;
    }
    this.markBroken(item.id, false);
    this.lastRuns.set(item.id, { student, scenario: report.name, replay: replayOf(report.failure), source });
    const lead = groupByCause(failed).find((cause) => cause.others.includes(report))?.lead;
    const context = {
      file: student.file,
      source,
      language: settings.language(),
      measurements,
      ...(lead ? { sameAs: lead.name } : {}),
    };
    const links = {
      source: (line: number, column: number) => student.uri.with({ fragment: `L${line},${column}` }).toString(),
      openTrace: commandUri(COMMANDS.openTrace, { failure: item.id }),
    };
    // Only the one command the message links to may run from it.
    const message = this.message(student, failureMessage(report.failure, context, vscode.l10n.t, links), [
      COMMANDS.openTrace,
    ]);
    message.contextValue = FAILURE_MESSAGE;
    run.failed(item, message);
  }

  private markBroken(id: string, broken: boolean): void {
    if (this.broken.has(id) === broken) return;
    if (broken) this.broken.add(id);
    else this.broken.delete(id);
    void vscode.commands.executeCommand('setContext', BROKEN_RUNS_CONTEXT, [...this.broken]);
  }

  private message(student: StudentExercise, spec: MessageSpec, enabledCommands: string[] = []): vscode.TestMessage {
    const markdown = new vscode.MarkdownString(spec.markdown);
    if (enabledCommands.length > 0) markdown.isTrusted = { enabledCommands };
    const message = new vscode.TestMessage(markdown);
    message.location = new vscode.Location(student.uri, new vscode.Position(spec.line, spec.column));
    return message;
  }

  dispose(): void {
    for (const job of this.jobs.values()) job.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

function scenarioId(student: StudentExercise, scenario: string): string {
  return `${student.uri.toString()}#${scenario}`;
}

/** A `command:` link that runs a command with one argument, for trusted Markdown. */
function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}
