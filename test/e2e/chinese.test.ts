import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { course } from '../../lessons/course';
import { startCodeServer, type CodeServer } from './codeServer';
import { QUIET_WORKBENCH, frameWith, openWorkbench, screenshot, screenshotOnFailure } from './workbench';

const lessonText = readFileSync(resolve(__dirname, '../../lessons/01-raft-election/lesson.zh-cn.md'), 'utf8');
const lessonTitle = lessonText.match(/^# (.+)$/m)?.[1];

// code-server's --locale leaves the display language English unless a language pack is installed
// (none can be fetched here), so the workbook's own language setting asks for the Chinese lessons.
describe('the workbook in code-server with its lessons in Chinese', function () {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    server = await startCodeServer({ settings: { ...QUIET_WORKBENCH, 'distsys.lessonLanguage': 'zh-cn' } });
    ({ browser, page } = await openWorkbench(server.url));
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('names modules and lessons in Chinese in the course tree and shows the Chinese lesson', async function () {
    const [consensus, transactions] = course;
    const raft = consensus?.lessons[0]?.title['zh-cn'];
    assert.ok(consensus && transactions && raft && lessonTitle, 'the Chinese titles the check looks for are missing');
    await page.locator('.activitybar [aria-label^="Distributed Systems"]').first().click();
    const tree = page.locator('[id="workbench.view.extension.distsys"] .monaco-list-row');
    for (const title of [consensus.title['zh-cn'], transactions.title['zh-cn'], raft]) await tree.filter({ hasText: title }).first().waitFor();
    await tree.filter({ hasText: raft }).first().click();
    await page.locator('.tab.active', { hasText: raft }).waitFor();
    const frame = await frameWith(page, 'h1');
    assert.equal((await frame.locator('h1').first().innerText()).trim(), lessonTitle);
    await screenshot(page, '07-chinese-lessons');
  });
});
