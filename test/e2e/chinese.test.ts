import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { course } from '../../lessons/course';
import { startCodeServer, type CodeServer } from './codeServer';
import { QUIET_WORKBENCH, frameWith, openWorkbench, screenshot, screenshotOnFailure } from './workbench';

const ROOT = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const bundle = JSON.parse(readFileSync(resolve(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const lessonTitle = readFileSync(resolve(ROOT, 'lessons/06-leader-election/lesson.zh-cn.md'), 'utf8').match(
  /^# (.+)$/m,
)?.[1];

// VS Code's own strings stay English (the stand-in language pack translates none of them); the
// extension's manifest, its vscode.l10n strings and its lessons follow the display language.
describe('the workbook in code-server with the display language zh-cn', function () {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    server = await startCodeServer({ locale: 'zh-cn', settings: QUIET_WORKBENCH });
    ({ browser, page } = await openWorkbench(server.url));
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

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
    await page.locator(`.activitybar [aria-label^="${activity}"]`).first().click();
    const tree = page.locator('[id="workbench.view.extension.distsys"] .monaco-list-row');
    for (const text of [coordination.title['zh-cn'], transactions.title['zh-cn'], raft, notStarted])
      await tree.filter({ hasText: text }).first().waitFor();
    await tree.filter({ hasText: raft }).first().click();
    await page.locator('.tab.active', { hasText: raft }).waitFor();
    const frame = await frameWith(page, 'h1');
    assert.equal((await frame.locator('h1').first().innerText()).trim(), lessonTitle);
    await screenshot(page, '07-chinese-ui');
  });
});
