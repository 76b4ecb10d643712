import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { raftElection } from '../../lessons/06-leader-election/exercise';
import { gradeScenario, loadStudentModule, runAndCheck } from '../../src/grader';
import type { DiagramController } from '../../src/webview/diagram';
import { buggyVariant } from '../exercises/solutions';
import { frameWith, runCommand, screenshot, showTesting, until, waitForInk } from './workbench';
import { useWorkbench } from './useWorkbench';

const ROOT = resolve(__dirname, '../..');
const REFERENCE = resolve(__dirname, '../exercises/raft-election/reference.ts');
const STUDENT_FILE = 'distsys/raft-election/starter.ts';
/** Real time one run may take: short, so the run that loops is stopped soon. */
const BUDGET_MS = 3000;

declare global {
  interface Window {
    __diagram?: DiagramController;
  }
}

/** What the trace viewer shows: the run's events and length, the visible window, the verdict. */
async function viewerShows(frame: Frame): Promise<{
  title: string;
  events: number;
  endTime: number;
  view: { start: number; end: number };
  lastKind: string;
  banner: string;
}> {
  await frame.waitForFunction(() => window.__diagram !== undefined);
  const seen = await frame.evaluate(() => {
    const d = window.__diagram as DiagramController;
    return {
      events: d.model.count,
      endTime: d.model.endTime,
      view: d.view,
      lastKind: d.model.count === 0 ? '' : d.model.trace.event(d.model.count - 1).kind,
    };
  });
  return {
    ...seen,
    title: (await frame.locator('.tv-title').textContent()) ?? '',
    banner: (await frame.locator('.tv-banner').textContent()) ?? '',
  };
}

/**
 * Opens the trace of the failure the Testing peek shows: with the link in its message (a command
 * link), or with the button under it.
 */
async function openTraceFromPeek(page: Page, how: 'link' | 'button'): Promise<Frame> {
  const peek = page.locator('.test-output-peek');
  await (
    how === 'link'
      ? peek.locator('a', { hasText: /^Open Trace$/ })
      : peek.locator('a, button, .monaco-button', { hasText: /^Open Trace$/ }).last()
  )
    .first()
    .click();
  const frame = await frameWith(page, '.tv-toolbar');
  await frame.locator('.ds-lanes li').first().waitFor();
  return frame;
}

/** Rows of the Testing view's tree under the raft-election exercise, with the icon each shows. */
async function scenarioRows(page: Page): Promise<Array<{ label: string; failed: boolean; passed: boolean }>> {
  return page.locator('.test-explorer .monaco-list-row[aria-level="2"]').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.getAttribute('aria-label') ?? '',
      failed: row.querySelector('.codicon-testing-failed-icon') !== null,
      passed: row.querySelector('.codicon-testing-passed-icon') !== null,
    })),
  );
}

/**
 * Copies the reference over the student's file and shows it from the top: the editor may still hold
 * the starter's text, so the file is reverted to what is on disk, as the grader reads the document.
 */
async function copyReferenceOverStarter(page: Page, workspace: string): Promise<void> {
  copyFileSync(REFERENCE, join(workspace, STUDENT_FILE));
  await page.locator('.tab', { hasText: 'starter.ts' }).first().click();
  await runCommand(page, 'File: Revert File');
  // A failure's message is anchored at the handler to look at, further down: show the file's top.
  await page.keyboard.press('Control+Home');
  await page.locator('.monaco-editor .view-lines', { hasText: 'class Raft implements RaftNode' }).first().waitFor();
}

describe('the workbook in code-server, as a student uses it', function () {
  const workbench = useWorkbench({
    settings: { 'distsys.seedsPerScenario': 3, 'distsys.timeBudgetMs': BUDGET_MS },
  });

  it('shows the Distributed Systems activity and the course tree with its lessons', async function () {
    await workbench.page.locator('.activitybar [aria-label^="Distributed Systems"]').first().click();
    const tree = workbench.page.locator('[id="workbench.view.extension.distsys"] .monaco-list-row');
    await tree.filter({ hasText: 'Leader election' }).first().waitFor();
    await tree.filter({ hasText: 'Two-phase commit' }).first().waitFor();
    await screenshot(workbench.page, '01-course-tree');
  });

  it('opens a lesson from the tree and draws its live simulation', async function () {
    await workbench.page.locator('.monaco-list-row', { hasText: 'Leader election' }).first().click();
    const frame = await frameWith(workbench.page, 'figure.sim .sim-mounted canvas');
    await frame.locator('figure.sim').first().scrollIntoViewIfNeeded();
    const inked = await waitForInk(frame, 'figure.sim .sim-mounted canvas.ds-canvas');
    assert.ok(inked > 0);
    await screenshot(workbench.page, '02-lesson-simulation');
  });

  it('starts the exercise: the starter and the type declarations land in the workspace', async function () {
    await workbench.page.locator('.monaco-list-row[aria-label^="raft-election"]').first().click();
    const student = join(workbench.workspace, 'distsys', 'raft-election', 'starter.ts');
    await until(workbench.page, 'the student file', () => existsSync(student));
    assert.ok(existsSync(join(workbench.workspace, 'distsys', 'distsys.d.ts')), 'distsys/distsys.d.ts is missing');
    await workbench.page.locator('.tab.active', { hasText: 'starter.ts' }).waitFor();
    await screenshot(workbench.page, '03-exercise-started');
  });

  it('grades the unchanged starter: the Testing view shows failed scenarios', async function () {
    await runCommand(workbench.page, 'Distributed Systems: Grade Exercise');
    await showTesting(workbench.page);
    const exercise = workbench.page
      .locator('.test-explorer .monaco-list-row[aria-level="1"]', { hasText: 'raft-election' })
      .first();
    await exercise.waitFor();
    if ((await exercise.getAttribute('aria-expanded')) !== 'true') await exercise.locator('.monaco-tl-twistie').click();
    await until(workbench.page, 'failed scenarios', async () =>
      (await scenarioRows(workbench.page)).some((r) => r.failed),
    );
    const rows = await scenarioRows(workbench.page);
    assert.ok(rows.length > 1, `expected the scenarios of raft-election, saw ${JSON.stringify(rows)}`);
    await screenshot(workbench.page, '04-starter-fails');
  });

  it('opens the trace of a failure from its message: the shrunk run, on its violation', async function () {
    await workbench.page
      .locator('.test-explorer .monaco-list-row[aria-level="2"]:has(.codicon-testing-failed-icon)')
      .first()
      .dblclick();
    const peek = (await workbench.page.locator('.test-output-peek').first().textContent()) ?? '';
    const shrunkTo = /Shrunk to (\d+) of \d+ faults and (\d+) ms of \d+ ms/.exec(peek);
    assert.ok(shrunkTo, `the message says what shrinking kept: ${peek}`);
    const frame = await openTraceFromPeek(workbench.page, 'link');
    const lanes = await frame.locator('.ds-lanes li').allTextContents();
    assert.ok(lanes.length >= 3, `expected a lane per node, saw ${JSON.stringify(lanes)}`);
    await waitForInk(frame, 'canvas.ds-canvas');
    const shown = await viewerShows(frame);
    assert.match(shown.title, /\(shrunk\)$/);

    // The same shrunk run, graded and replayed here in-process, has exactly the events on screen.
    const meta = (await frame.locator('.tv-meta').textContent()) ?? '';
    const [, scenarioName, seed] = /^(\S+) · seed (\d+)/.exec(meta) ?? [];
    const scenario = raftElection.scenarios.find((s) => s.name === scenarioName);
    assert.ok(scenario, `the trace names its scenario: ${meta}`);
    const starter = readFileSync(join(workbench.workspace, STUDENT_FILE), 'utf8');
    const program = loadStudentModule(starter, STUDENT_FILE);
    const failure = gradeScenario(raftElection, scenario, program, STUDENT_FILE, { seed: Number(seed) }).failure;
    const kept = failure?.shrunk;
    assert.ok(kept, 'the seed fails and shrinks in-process too');
    assert.equal(kept.duration, Number(shrunkTo[2]));
    const replay = runAndCheck({
      exercise: raftElection,
      scenario,
      program,
      seed: Number(seed),
      file: STUDENT_FILE,
      faults: kept.faults,
      duration: kept.duration,
    });
    assert.equal(shown.events, replay.trace.length, 'the events of the shrunk run');
    assert.equal(shown.endTime, replay.result.endTime, 'the time axis spans the shrunk run');

    // Opened on the violation: its time is in view, with the verdict above.
    const at = replay.failure?.at;
    assert.ok(at !== undefined, 'the failure has a time');
    assert.ok(shown.view.start <= at && at <= shown.view.end, `${at} ms in view ${JSON.stringify(shown.view)}`);
    assert.ok(shown.view.start > -1 && shown.view.end > 1, 'not the −1…0.5 ms axis of the events alone');
    assert.match(shown.banner, new RegExp(`at ${at} ms`));
    // No leader came: the verdict cites the boots that set no election timer, and the jump selects the first.
    const cited = replay.failure?.events ?? [];
    assert.ok(cited.length > 0, 'the failure cites the events that show it');
    await frame.locator('.tv-jump').click();
    const selected = await frame.evaluate(() => window.__diagram?.selected);
    assert.equal(selected, cited[0], 'Jump to violation selects the first event the verdict cites');
    await screenshot(workbench.page, '05-trace-viewer');
  });

  it('keeps the submission a failure was graded on: after an edit, Open Trace shows the recorded run', async function () {
    // The reference passes every scenario; the failure in the peek was the starter's.
    await copyReferenceOverStarter(workbench.page, workbench.workspace);
    await workbench.page
      .locator('.test-explorer .monaco-list-row[aria-level="2"]:has(.codicon-testing-failed-icon)')
      .first()
      .dblclick();
    const frame = await openTraceFromPeek(workbench.page, 'button');
    await frame.locator('.tv-banner-submission').waitFor();
    const shown = await viewerShows(frame);
    assert.match(shown.banner, /changed since/);
    assert.doesNotMatch(shown.banner, /Every check passed/);
    assert.ok(await frame.locator('.tv-banner.tv-fail').isVisible(), 'the recorded run still fails');
    await screenshot(workbench.page, '05b-recorded-run-after-edit');
  });

  it('grades the reference solution copied over the starter: every scenario passes', async function () {
    await copyReferenceOverStarter(workbench.page, workbench.workspace);
    await runCommand(workbench.page, 'Distributed Systems: Grade Exercise');
    await showTesting(workbench.page);
    await until(workbench.page, 'every scenario to pass', async () => {
      const rows = await scenarioRows(workbench.page);
      return rows.length > 1 && rows.every((r) => r.passed);
    });
    await screenshot(workbench.page, '06-reference-passes');
  });

  it('shows a node’s fields and storage in the trace: a vote kept in a field, lost in a crash', async function () {
    // The mistake the lesson warns of: votedFor in a field, not in ctx.storage.
    const buggy = buggyVariant('raft-election', 'volatile-voted-for');
    writeFileSync(join(workbench.workspace, 'distsys', 'raft-election', 'starter.ts'), buggy.source);
    await workbench.page.locator('.tab', { hasText: 'starter.ts' }).first().click();
    await runCommand(workbench.page, 'File: Revert File');
    await runCommand(workbench.page, 'Distributed Systems: Grade Exercise');
    await showTesting(workbench.page);
    const failed = workbench.page.locator(
      '.test-explorer .monaco-list-row[aria-level="2"]:has(.codicon-testing-failed-icon)',
      {
        hasText: 'restart-after-vote',
      },
    );
    await failed.first().waitFor({ timeout: 60_000 });
    await failed.first().dblclick();
    await workbench.page.locator('.test-output-peek').getByText('Open Trace', { exact: true }).first().click();
    const frame = await frameWith(workbench.page, '.tv-toolbar');
    await until(workbench.page, 'the trace of restart-after-vote', async () =>
      /restart-after-vote/.test((await frame.locator('.tv-meta').textContent()) ?? ''),
    );
    // Select the crash of the node that voted: its fields go, its storage stays.
    const crash = await frame.evaluate(() => {
      const d = (
        window as unknown as {
          __diagram: {
            model: { trace: { length: number; kindAt(i: number): string } };
            select(i: number, reveal: boolean): void;
          };
        }
      ).__diagram;
      for (let i = 0; i < d.model.trace.length; i++)
        if (d.model.trace.kindAt(i) === 'crash') {
          d.select(i, true);
          return i;
        }
      return -1;
    });
    assert.ok(crash >= 0, 'the run has a crash');
    const own = frame.locator('.tv-state');
    await own.waitFor();
    const votedFor = own.locator('table[data-section="fields"] tr[data-key="votedFor"]');
    assert.match((await votedFor.locator('td').first().textContent()) ?? '', /^"n\d"$/, 'the vote before the crash');
    assert.equal(await votedFor.locator('td').last().textContent(), 'lost in a crash');
    const term = own.locator('table[data-section="storage"] tr[data-key="currentTerm"] td');
    const [before, after] = await term.allTextContents();
    assert.ok(before !== undefined && before !== '–' && before === after, 'the term is in storage: it survives');
    assert.equal(await own.locator('.tv-durable').textContent(), 'durable: survives a crash');
    // Beside the code the details sit under the diagram: bring the state into view for the record.
    await own.locator('table[data-section="storage"]').scrollIntoViewIfNeeded();
    await screenshot(workbench.page, '07-node-state');
  });

  it('opens a trace file from distsys run --trace in the viewer, and the trace panel comes back after a reload', async function () {
    this.timeout(180_000);
    const cli = execFileSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'distsys.js'),
        'run',
        'raft-election',
        '--file',
        STUDENT_FILE,
        '--scenario',
        'initial-election',
        '--seed',
        '2',
        '--trace',
        'run.trace.json',
      ],
      { cwd: workbench.workspace, encoding: 'utf8' },
    );
    const written = /^trace: run\.trace\.json \((\d+) events\)$/m.exec(cli);
    assert.ok(written, cli);
    await workbench.page.keyboard.press('Control+P');
    await workbench.page.locator('.quick-input-widget input').fill('run.trace.json');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'run.trace.json' }).first().waitFor();
    await workbench.page.keyboard.press('Enter');
    const file = await frameWith(workbench.page, '.tv-title:has-text("run.trace.json")');
    await waitForInk(file, 'canvas.ds-canvas');
    const shown = await viewerShows(file);
    assert.equal(shown.events, Number(written[1]), 'the events the CLI said it wrote');
    assert.match(shown.banner, /Every check passed/);
    await screenshot(workbench.page, '06b-trace-file');

    // The failure's trace opened earlier is still in its tab: the reload must bring that tab back.
    const failureTab = (
      await workbench.page
        .locator('.tab', { hasText: /raft-election · .* \(shrunk\)/ })
        .first()
        .innerText()
    ).trim();
    await workbench.page.reload();
    await workbench.page.waitForSelector('.monaco-workbench .activitybar', { timeout: 90_000 });
    await workbench.page.locator('.tab', { hasText: failureTab }).first().waitFor();
    const restored = await frameWith(workbench.page, '.tv-title:has-text("(shrunk)")', 90_000);
    await waitForInk(restored, 'canvas.ds-canvas');
    assert.match((await viewerShows(restored)).title, /\(shrunk\)$/);
    await screenshot(workbench.page, '06c-trace-after-reload');
  });

  it('watches a run that never returns: the trace up to the handler the time budget stopped', async function () {
    this.timeout(180_000);
    const looping = readFileSync(REFERENCE, 'utf8').replace(
      'onMessage(from: NodeId, msg: RaftMessage): void {',
      'onMessage(from: NodeId, msg: RaftMessage): void {\n    if (this.ctx.id === "n2") for (;;) {}',
    );
    assert.notEqual(looping, readFileSync(REFERENCE, 'utf8'), 'the loop went in');
    writeFileSync(join(workbench.workspace, STUDENT_FILE), looping);
    await workbench.page.locator('.tab', { hasText: 'starter.ts' }).first().click();
    await runCommand(workbench.page, 'File: Revert File');
    await workbench.page.locator('.monaco-editor .view-lines', { hasText: 'for (;;) {}' }).first().waitFor();
    await runCommand(workbench.page, 'Distributed Systems: Watch a Run (Scenario and Seed)…', 'Choose a scenario');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.fill('initial-election');
    await workbench.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'initial-election' })
      .first()
      .waitFor();
    await workbench.page.keyboard.press('Enter');
    await input.fill('1');
    await workbench.page.keyboard.press('Enter');
    const frame = await frameWith(workbench.page, '.tv-banner.tv-fail', BUDGET_MS * 3 + 60_000);
    await until(workbench.page, 'the stopped run', async () =>
      /each handler returns/.test((await viewerShows(frame)).banner),
    );
    const shown = await viewerShows(frame);
    assert.match(shown.banner, /n2 was still running onMessage/);
    assert.ok(shown.events > 3, `the events before the stop are kept: ${shown.events}`);
    assert.equal(shown.lastKind, 'error', 'the handler that did not return ends the trace, marked');
    const stoppedAt = await frame.evaluate(() => {
      const d = window.__diagram as DiagramController;
      return d.model.times[d.model.count - 1] as number;
    });
    assert.ok(shown.view.start <= stoppedAt && stoppedAt <= shown.view.end, 'the stop is in view');
    await waitForInk(frame, 'canvas.ds-canvas');
    await screenshot(workbench.page, '07-stopped-run-partial-trace');
  });
});
