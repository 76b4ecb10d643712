import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import {
  QUIET_WORKBENCH,
  frameWith,
  openWorkbench,
  runCommand,
  screenshot,
  screenshotOnFailure,
  until,
} from './workbench';

const REFERENCE = resolve(__dirname, '../exercises/raft-election/reference.ts');
const STUDENT_FILE = 'distsys/raft-election/starter.ts';
const SAVED = 'distsys/raft-election/scenarios/crash-the-leader.json';

/** The running nodes whose card says they lead. */
async function leaders(frame: Frame): Promise<string[]> {
  return frame
    .locator('.bench-card:not(.bench-down)')
    .evaluateAll((cards) =>
      cards.filter((c) => /role leader/.test(c.textContent ?? '')).map((c) => c.getAttribute('data-node') ?? ''),
    );
}

describe('the lab bench in code-server, as a student uses it', function () {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let bench: Frame;

  before(async function () {
    this.timeout(180_000);
    server = await startCodeServer({ settings: QUIET_WORKBENCH });
    ({ browser, page } = await openWorkbench(server.url));
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('opens the bench on the student’s file from the lens above it', async function () {
    await page.locator('.activitybar [aria-label^="Distributed Systems"]').first().click();
    await page.locator('.monaco-list-row[aria-label^="raft-election"]').first().click();
    await until(page, 'the student file', () => existsSync(join(server.workspace, STUDENT_FILE)));
    copyFileSync(REFERENCE, join(server.workspace, STUDENT_FILE));
    await page.locator('.tab', { hasText: 'starter.ts' }).first().click();
    await runCommand(page, 'File: Revert File');
    await page.locator('.monaco-editor .view-lines', { hasText: 'class Raft implements RaftNode' }).first().waitFor();
    await page.locator('.codelens-decoration a', { hasText: 'Lab bench' }).first().click();
    bench = await frameWith(page, '.bench-card');
    assert.equal(await bench.locator('.bench-card').count(), 3);
  });

  it('crashes the leader by a click, and the others elect a new one', async function () {
    await bench.locator('.bench-speed').selectOption('2');
    await bench.waitForFunction(
      () => Array.from(document.querySelectorAll('.bench-card')).some((c) => /role leader/.test(c.textContent ?? '')),
      undefined,
      { timeout: 60_000 },
    );
    const [leader] = await leaders(bench);
    assert.ok(leader);
    await bench.locator(`.bench-card[data-node="${leader}"] button`, { hasText: 'Crash' }).click();
    await bench.waitForFunction(
      (old) =>
        Array.from(document.querySelectorAll('.bench-card:not(.bench-down)')).some(
          (c) => c.getAttribute('data-node') !== old && /role leader/.test(c.textContent ?? ''),
        ),
      leader,
      { timeout: 60_000 },
    );
    assert.ok(await bench.locator(`.bench-card.bench-down[data-node="${leader}"]`).isVisible());
    await screenshot(page, 'bench-01-new-leader');
  });

  it('draws a partition by picking groups on the node cards', async function () {
    const cards = bench.locator('.bench-card');
    await cards.nth(0).locator('.bench-group').click();
    await cards.nth(1).locator('.bench-group').click();
    await cards.nth(1).locator('.bench-group').click();
    await bench.locator('.bench-partition').click();
    await bench.locator('.bench-schedule-box summary').click();
    await bench.locator('.bench-schedule li', { hasText: 'partition {n1} | {n2}' }).waitFor();
    await page.waitForTimeout(1500);
    await screenshot(page, 'bench-02-partition');
  });

  it('saves the run as a scenario, which the Testing view lists and grades', async function () {
    await bench.locator('.bench-save').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('crash-the-leader');
    await page.keyboard.press('Enter');
    const file = join(server.workspace, SAVED);
    await until(page, 'the saved scenario', () => existsSync(file));
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { faults: Array<{ kind: string }> };
    assert.deepEqual(
      saved.faults.map((f) => f.kind),
      ['crash', 'partition'],
    );
    await bench.locator('.bench-banner', { hasText: 'crash-the-leader.json' }).waitFor();
    await page.locator('.activitybar [aria-label^="Testing"]').first().click();
    await page.locator('.test-explorer').waitFor();
    const exercise = page
      .locator('.test-explorer .monaco-list-row[aria-level="1"]', { hasText: 'raft-election' })
      .first();
    await exercise.waitFor();
    if ((await exercise.getAttribute('aria-expanded')) !== 'true') await exercise.locator('.monaco-tl-twistie').click();
    const row = page.locator('.test-explorer .monaco-list-row[aria-level="2"]', { hasText: 'crash-the-leader' });
    await row.first().waitFor();
    await row.first().hover();
    await row.first().locator('.action-label[aria-label^="Run Test"]').click();
    // Graded with initial-election's checkers, its own seed and the faults struck by hand: a verdict either way.
    await page
      .locator(
        '.test-explorer .monaco-list-row[aria-level="2"]:is(:has(.codicon-testing-passed-icon), :has(.codicon-testing-failed-icon))',
        { hasText: 'crash-the-leader' },
      )
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'bench-03-saved-scenario-graded');
  });
});
