import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { raftElection } from '../../lessons/06-leader-election/exercise';
import { webviewHtml } from '../../src/extension/core/webviewHtml';
import { loadStudentModule } from '../../src/grader';
import { LiveRun } from '../../src/webview/labBench/liveRun';
import type { BenchToHost, HostToBench } from '../../src/webview/labBench/protocol';
import { buggyVariant, referenceSolution } from '../exercises/solutions';
import { launchChromium } from './chromium';

const root = join(__dirname, '../..');
const results = join(root, 'test-results');

declare global {
  interface Window {
    __benchPosted: BenchToHost[];
  }
}

/** Serves the bench as the extension does: the real webview page under its content security policy. */
async function serveBench(): Promise<{ url: string; close: () => Promise<void> }> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    // "/?lang=zh-cn" serves the page in Chinese, as VS Code does in a Chinese UI.
    const lang = request.url === '/?lang=zh-cn' ? 'zh-cn' : 'en';
    const page = webviewHtml({
      title: 'Lab bench',
      lang,
      cspSource: origin,
      nonce: 'test-nonce-0123456789',
      script: `${origin}/labBench.js`,
      style: `${origin}/labBench.css`,
      runsStudentCode: true,
    });
    if (request.url === '/' || request.url === '/?lang=zh-cn')
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else if (request.url === '/labBench.js')
      response
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
        .end(readFileSync(join(root, 'dist/webview/labBench.js')));
    else if (request.url === '/labBench.css')
      response
        .writeHead(200, { 'content-type': 'text/css; charset=utf-8' })
        .end(readFileSync(join(root, 'media/labBench.css')));
    else if (request.url === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function initMessage(source: string): HostToBench {
  return {
    type: 'init',
    exercise: raftElection.id,
    title: raftElection.title,
    file: 'distsys/raft-election/starter.ts',
    source,
    scenarios: raftElection.scenarios.map((s) => ({
      name: s.name,
      description: s.description,
      nodes: s.nodes,
      duration: s.duration,
      generated: s.runs !== undefined,
    })),
    explorable: true,
    workerScript: readFileSync(join(root, 'dist/webview/labBenchWorker.js'), 'utf8'),
  };
}

/** The node cards whose state says they lead, and are up. */
async function leaders(page: Page): Promise<string[]> {
  return page.$$eval('.bench-card:not(.bench-down)', (cards) =>
    cards.filter((c) => /role leader/.test(c.textContent ?? '')).map((c) => c.getAttribute('data-node') ?? ''),
  );
}

describe('lab bench in chromium', function () {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBench>>;
  let page: Page;
  let problems: string[];

  before(async () => {
    browser = await launchChromium();
    server = await serveBench();
    mkdirSync(results, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.addInitScript(() => {
      window.__benchPosted = [];
      window.addEventListener('bench:post', (e) => window.__benchPosted.push((e as CustomEvent<BenchToHost>).detail));
    });
    await page.goto(server.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await page.screenshot({ path: join(results, `lab-bench-failed-${this.currentTest.title.slice(0, 20)}.png`) });
    await page.close();
  });

  it('runs the student’s file in a worker under the page’s policy; a crash by click elects a new leader', async () => {
    const { source } = referenceSolution('raft-election');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.selectOption('.bench-speed', '5');
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.bench-card')).some((c) => /role leader/.test(c.textContent ?? '')),
      undefined,
      { timeout: 20_000 },
    );
    const [first] = await leaders(page);
    assert.ok(first);
    await page.click(`.bench-card[data-node="${first}"] button:has-text("Crash")`);
    await page.waitForFunction(
      (old) =>
        Array.from(document.querySelectorAll('.bench-card:not(.bench-down)')).some(
          (c) => c.getAttribute('data-node') !== old && /role leader/.test(c.textContent ?? ''),
        ),
      first,
      { timeout: 20_000 },
    );
    assert.ok(await page.isVisible(`.bench-card.bench-down[data-node="${first}"]`));
    assert.match((await page.textContent('.bench-schedule')) ?? '', new RegExp(`crash ${first}`));
    await page.screenshot({ path: join(results, 'lab-bench-crash.png') });
    // A partition drawn by picking groups on the cards: the two nodes still up, one each side.
    const up = await page.$$eval('.bench-card:not(.bench-down)', (cards) =>
      cards.map((c) => c.getAttribute('data-node')),
    );
    await page.click(`.bench-card[data-node="${up[0]}"] .bench-group`);
    await page.click(`.bench-card[data-node="${up[1]}"] .bench-group`);
    await page.click(`.bench-card[data-node="${up[1]}"] .bench-group`);
    await page.click('.bench-partition');
    await page.click('.bench-schedule-box summary');
    await page.waitForSelector(`.bench-schedule li:has-text("partition {${up[0]}} | {${up[1]}}")`);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: join(results, 'lab-bench-partition.png') });
    await page.click('.bench-save');
    const saved = await page.evaluate(() => window.__benchPosted.find((m) => m.type === 'save'));
    assert.ok(saved?.type === 'save');
    assert.deepEqual(
      saved.scenario.faults.map((f) => f.kind),
      ['crash', 'partition'],
    );
    assert.deepEqual(problems, []);
  });

  it('shows a syntax error at its line and keeps the run on screen', async () => {
    const { source } = referenceSolution('raft-election');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await page.evaluate(() =>
      window.postMessage({ type: 'source', source: 'export default class {\n  x = ;\n}' }, '*'),
    );
    await page.waitForSelector('.bench-banner:not([hidden])');
    const banner = (await page.textContent('.bench-banner')) ?? '';
    assert.match(banner, /distsys\/raft-election\/starter\.ts:2:\d+: syntax error/);
    assert.match(banner, /last file that loaded/);
    assert.equal(await page.locator('.bench-card').count(), 3);
    assert.deepEqual(problems, []);
  });

  it('stops the clock at a safety violation and marks it, with the checker’s words', async () => {
    const { source, file } = buggyVariant('raft-election', 'double-vote');
    const program = loadStudentModule(source, file);
    const seed = [...Array(30).keys()].find(
      (s) =>
        new LiveRun(raftElection, program, { from: 'many-elections', seed: s, duration: 60_000, added: [] }).advance(
          60_000,
        ).violation !== undefined,
    );
    assert.ok(seed !== undefined, 'double-vote breaks a safety rule on one of 30 seeds');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await page.selectOption('.bench-from', 'many-elections');
    await page.fill('.bench-seed', String(seed));
    await page.click('.bench-restart');
    await page.selectOption('.bench-speed', '100');
    await page.waitForSelector('.bench-banner:not([hidden])', { timeout: 60_000 });
    const banner = (await page.textContent('.bench-banner')) ?? '';
    assert.match(banner, /^Violated: /);
    const time = await page.textContent('.bench-time');
    await page.waitForTimeout(500);
    assert.equal(await page.textContent('.bench-time'), time, 'the clock stopped');
    assert.equal(await page.textContent('.bench-play'), 'Run');
    assert.ok(await page.locator('.bench-card button', { hasText: 'Crash' }).first().isDisabled());
    await page.screenshot({ path: join(results, 'lab-bench-violation.png') });
    assert.deepEqual(problems, []);
  });

  it('steps by the student’s choice among deliver, drop, duplicate, timer and crash, back and forward', async () => {
    const { source } = referenceSolution('raft-election');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await page.click('.bench-step-toggle');
    assert.ok(await page.isDisabled('.bench-play'));
    assert.ok(await page.isDisabled('.bench-save'));
    await page.waitForSelector('.bench-choice-timer');
    assert.equal(await page.locator('.bench-choice-crash').count(), 3);
    assert.match((await page.textContent('.bench-budget')) ?? '', /faults left: 2 crashes, 5 drops, 5 duplicates/);
    // A timer fires: its RequestVotes are in flight, one dropped and one duplicated by hand.
    const chosen: string[] = [];
    for (const [i, kind] of ['timer', 'drop', 'duplicate'].entries()) {
      const choice = page.locator(`.bench-choice-${kind}`).first();
      chosen.push((await choice.textContent()) ?? '');
      await choice.click();
      await page.waitForSelector(`.bench-step .bench-status:has-text("${i + 1} step")`);
    }
    assert.match(chosen.join('\n'), /fire timer .*\ndrop RequestVote .*\nduplicate RequestVote /);
    assert.match((await page.textContent('.bench-budget')) ?? '', /4 drops, 4 duplicates/);
    const panel = await page.evaluate(() => document.querySelector('.bench-step')?.textContent ?? '');
    await page.click('.bench-back');
    await page.waitForSelector('.bench-step .bench-status:has-text("2 steps chosen")');
    assert.match((await page.textContent('.bench-budget')) ?? '', /4 drops, 5 duplicates/);
    await page.click('.bench-forward');
    await page.waitForSelector('.bench-step .bench-status:has-text("3 steps chosen")');
    assert.equal(await page.evaluate(() => document.querySelector('.bench-step')?.textContent ?? ''), panel);
    await page.screenshot({ path: join(results, 'lab-bench-step.png') });
    await page.click('.bench-step-toggle');
    assert.ok(await page.isHidden('.bench-step'));
    assert.ok(!(await page.isDisabled('.bench-play')));
    assert.deepEqual(problems, []);
  });

  it('explores a buggy file breadth-first and opens the shortest violation in step mode', async () => {
    const { source } = buggyVariant('raft-election', 'double-vote');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await page.click('.bench-explore');
    await page.waitForSelector('.bench-step:not([hidden]) .bench-status', { timeout: 60_000 });
    const banner = (await page.textContent('.bench-banner')) ?? '';
    assert.match(banner, /^Violated: /);
    assert.equal(await page.locator('.bench-choice').count(), 0, 'nothing to choose past the violation');
    assert.ok(!(await page.isDisabled('.bench-back')));
    await page.screenshot({ path: join(results, 'lab-bench-explore.png') });
    assert.deepEqual(problems, []);
  });

  it('shows the search’s progress depth by depth, and stops it', async () => {
    const { source } = referenceSolution('raft-election');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await page.click('.bench-explore');
    assert.equal(await page.textContent('.bench-explore'), 'Stop');
    assert.ok(await page.isDisabled('.bench-step-toggle'));
    await page.waitForSelector('.bench-status:has-text("exploring: depth 3 done")', { timeout: 60_000 });
    await page.screenshot({ path: join(results, 'lab-bench-exploring.png') });
    await page.click('.bench-explore');
    await page.waitForSelector('.bench-banner:has-text("Search stopped.")');
    assert.equal(await page.textContent('.bench-explore'), 'Explore');
    assert.ok(await page.isHidden('.bench-step'));
    assert.ok(!(await page.isDisabled('.bench-play')));
    assert.deepEqual(problems, []);
  });

  it('speaks Chinese when VS Code does', async () => {
    await page.goto(`${server.url}?lang=zh-cn`);
    const { source } = referenceSolution('raft-election');
    await page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    assert.equal(await page.textContent('.bench-title'), '实验台：raft-election');
    assert.equal(await page.locator('.bench-card button', { hasText: '崩溃' }).count(), 3);
    assert.match((await page.textContent('.bench-network')) ?? '', /分区.*恢复网络.*单向切断/);
    await page.click('.bench-step-toggle');
    await page.waitForSelector('.bench-step p:has-text("下一步发生什么")');
    await page.screenshot({ path: join(results, 'lab-bench-zh-cn.png') });
    assert.deepEqual(problems, []);
  });
});
