import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { course } from '../../lessons/course';
import { viewerStrings } from '../../src/webview/traceViewer/strings';
import { playerStrings } from '../../src/webview/diagram/strings';
import { frameWith, runCommand, screenshot, showTesting, until, waitForInk } from './workbench';
import { useWorkbench } from './useWorkbench';

const ROOT = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const bundle = JSON.parse(readFileSync(resolve(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const lessonTitle = readFileSync(resolve(ROOT, 'lessons/06-leader-election/lesson.zh-cn.md'), 'utf8').match(
  /^# (.+)$/m,
)?.[1];

// VS Code's own strings stay English (the stand-in language pack translates none of them); the
// extension's manifest, its vscode.l10n strings and its lessons follow the display language.
describe('the workbook in code-server with the display language zh-cn', function () {
  const workbench = useWorkbench({ locale: 'zh-cn', settings: { 'distsys.seedsPerScenario': 2 } });

  it('shows the activity, course tree, exercise status and lesson in Chinese', async function () {
    const activity = manifest['viewsContainer.distsys.title'];
    const notStarted = bundle['not started'];
    const coordination = course.find((m) => m.id === 'coordination');
    const transactions = course.find((m) => m.id === 'transactions');
    const raft = coordination?.lessons.find((l) => l.folder === '06-leader-election')?.title['zh-cn'];
    assert.ok(
      activity && notStarted && coordination && transactions && raft && lessonTitle,
      'the Chinese strings the check looks for are missing',
    );
    await workbench.page.locator(`.activitybar [aria-label^="${activity}"]`).first().click();
    const tree = workbench.page.locator('[id="workbench.view.extension.distsys"] .monaco-list-row');
    for (const text of [coordination.title['zh-cn'], transactions.title['zh-cn'], raft, notStarted])
      await tree.filter({ hasText: text }).first().waitFor();
    await tree.filter({ hasText: raft }).first().click();
    await workbench.page.locator('.tab.active', { hasText: raft }).waitFor();
    const frame = await frameWith(workbench.page, 'h1');
    assert.equal((await frame.locator('h1').first().innerText()).trim(), lessonTitle);
    await screenshot(workbench.page, '07-chinese-ui');
  });

  it("speaks Chinese in a lesson simulation's controls", async function () {
    const frame = await frameWith(workbench.page, 'figure.sim .sim-mounted canvas');
    const sim = frame.locator('figure.sim').first();
    await sim.scrollIntoViewIfNeeded();
    await waitForInk(frame, 'figure.sim .sim-mounted canvas.ds-canvas');
    const text = playerStrings['zh-cn'];
    const controls = sim.locator('.ds-controls');
    assert.equal(await controls.getByRole('button', { name: text.playTitle }).textContent(), text.play);
    await controls.getByRole('button', { name: text.next }).click();
    assert.match((await controls.locator('.ds-readout').textContent()) ?? '', /第 1 个事件/);
    await screenshot(workbench.page, '08-chinese-simulation');
  });

  it('explains a failure in Chinese in the Testing view, and opens its trace with a Chinese toolbar', async function () {
    await workbench.page.locator('.monaco-list-row[aria-label^="raft-election"]').first().click();
    const student = join(workbench.workspace, 'distsys', 'raft-election', 'starter.ts');
    await until(workbench.page, 'the student file', () => existsSync(student));
    await workbench.page.locator('.tab.active', { hasText: 'starter.ts' }).waitFor();
    await runCommand(workbench.page, `${manifest['command.category']}: ${manifest['command.gradeExercise']}`);
    await showTesting(workbench.page);
    const exercise = workbench.page
      .locator('.test-explorer .monaco-list-row[aria-level="1"]', { hasText: 'raft-election' })
      .first();
    await exercise.waitFor();
    if ((await exercise.getAttribute('aria-expanded')) !== 'true') await exercise.locator('.monaco-tl-twistie').click();
    const failed = workbench.page.locator(
      '.test-explorer .monaco-list-row[aria-level="2"]:has(.codicon-testing-failed-icon)',
    );
    await failed.first().waitFor({ timeout: 120_000 });
    // A scenario's description is in Chinese beside its name.
    assert.match((await failed.first().innerText()) ?? '', /\p{Script=Han}/u);
    await failed.first().dblclick();
    const peek = workbench.page.locator('.test-output-peek');
    await peek
      .getByText(/种子|检查器/)
      .first()
      .waitFor();
    assert.match(await peek.innerText(), /检查器：/);
    await screenshot(workbench.page, '09-chinese-failure');
    await peek
      .getByText(manifest['command.openTrace'] ?? '', { exact: true })
      .first()
      .click();
    const viewer = viewerStrings['zh-cn'];
    const trace = await frameWith(workbench.page, '.tv-toolbar');
    await trace.locator('.ds-lanes li').first().waitFor();
    await waitForInk(trace, 'canvas.ds-canvas');
    assert.equal(
      await trace.locator('.tv-toolbar').getByRole('button', { name: viewer.playTitle }).textContent(),
      viewer.play,
    );
    assert.equal(await trace.locator('.tv-toolbar').getAttribute('aria-label'), viewer.viewer);
    await screenshot(workbench.page, '10-chinese-trace-viewer');
  });
});
