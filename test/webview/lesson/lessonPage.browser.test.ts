import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { exercises } from '../../../lessons/catalog';
import { simTrace } from '../../../scripts/sims';
import type { LessonToHostMessage, ShowLessonMessage } from '../../../src/webview/lesson/protocol';
import { renderLesson } from '../../../src/webview/lesson/render';
import { launchChromium } from '../../browser/chromium';

const root = join(__dirname, '../../..');
const NONCE = 'test-nonce';

const markdown = [
  '# Two-phase commit',
  '',
  '## Voting',
  '',
  'Read [the Raft lesson](../06-leader-election/lesson.md#terms) or [the paper](https://example.org/2pc).',
  '',
  '```sim exercise=two-phase-commit scenario=happy-path seed=1 height=240 window=0-250',
  'Everyone votes yes.',
  '```',
  '',
  '```sim exercise=two-phase-commit scenario=message-loss seed=1',
  'Lost messages.',
  '```',
  '',
  '## Check yourself',
  '',
  '```quiz',
  'When may the coordinator decide commit?',
  '- [ ] When a majority voted yes',
  '- [x] When every participant voted yes',
  '> Commit needs every participant.',
  '```',
  '',
  ...Array.from({ length: 60 }, (_, i) => `Paragraph ${i} to make the page scroll.\n`),
].join('\n');

function lessonMessage(): ShowLessonMessage {
  const rendered = renderLesson(markdown, {
    resolveLink: (href) =>
      href.startsWith('../06-leader-election/') ? { lesson: '06-leader-election', anchor: 'terms' } : undefined,
  });
  assert.deepEqual(rendered.problems, []);
  return {
    type: 'showLesson',
    lesson: '20-two-phase-commit',
    html: rendered.html,
    title: rendered.title ?? '',
    toc: rendered.toc,
    prev: { lesson: '06-leader-election', title: 'Raft leader election' },
    exercises: [{ id: 'two-phase-commit', title: 'Two-phase commit' }],
    sims: { 'sim-1': simTrace({ exercise: 'two-phase-commit', scenario: 'happy-path', seed: 1 }, exercises) },
    simErrors: { 'sim-2': 'no precomputed run' },
  };
}

/**
 * The page as the extension builds it (strict CSP, nonce'd script, stylesheet link), with a stand-in
 * for the webview API that records what the page posts and saves.
 */
async function serveLessonPage(): Promise<{
  url: string;
  setSavedState(state: unknown): void;
  close(): Promise<void>;
}> {
  const script = readFileSync(join(root, 'dist/webview/lesson.js'), 'utf8');
  const style = readFileSync(join(root, 'media/lesson.css'), 'utf8');
  let saved: unknown;
  const page = (): string => `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'nonce-${NONCE}'">
<link rel="stylesheet" href="/lesson.css"><title>lesson</title></head><body>
<script nonce="${NONCE}">
  window.posted = [];
  window.savedState = ${JSON.stringify(saved ?? null)} ?? undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.posted.push(m),
    getState: () => window.savedState,
    setState: (s) => { window.savedState = JSON.parse(JSON.stringify(s)); },
  });
</script>
<script nonce="${NONCE}" src="/lesson.js"></script></body></html>`;
  const server: Server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    else if (request.url === '/lesson.js')
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (request.url === '/lesson.css')
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(style);
    // Chromium asks for a favicon on its own.
    else if (request.url === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setSavedState: (state) => (saved = state),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const posted = (page: Page): Promise<LessonToHostMessage[]> =>
  page.evaluate(() => (window as unknown as { posted: LessonToHostMessage[] }).posted);
const clearPosted = (page: Page): Promise<void> =>
  page.evaluate(() => void ((window as unknown as { posted: unknown[] }).posted.length = 0));

describe('lesson page in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveLessonPage>>;
  let page: Page;
  let pageErrors: string[];
  const message = lessonMessage();

  async function load(): Promise<void> {
    await page.goto(server.url);
    await page.waitForFunction(() =>
      (window as unknown as { posted: Array<{ type: string }> }).posted.some((m) => m.type === 'ready'),
    );
    await page.evaluate((m) => window.postMessage(m, '*'), message);
    await page.waitForSelector('article h1');
  }

  before(async () => {
    browser = await launchChromium();
    server = await serveLessonPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await load();
  });

  afterEach(async () => {
    await page.close();
    assert.deepEqual(pageErrors, [], 'the page reported errors');
  });

  it('says it is ready, then shows the lesson with its title and contents', async () => {
    assert.equal(await page.title(), 'Two-phase commit');
    assert.deepEqual(await page.locator('.lesson-toc a').allTextContents(), ['Voting', 'Check yourself']);
    assert.equal(await page.locator('.pager-prev .pager-title').textContent(), 'Raft leader election');
    assert.equal(await page.locator('.pager-next').isHidden(), true);
  });

  it('checks a wrong answer, offers the answer, and marks it with the explanation', async () => {
    const quiz = page.locator('form.quiz');
    await quiz.getByRole('button', { name: 'Check' }).click();
    assert.equal(await quiz.locator('.quiz-feedback').textContent(), 'Choose an answer first.');
    await quiz.getByLabel('When a majority voted yes').check();
    await quiz.getByRole('button', { name: 'Check' }).click();
    assert.match((await quiz.locator('.quiz-feedback').textContent()) ?? '', /^Not quite/);
    assert.equal(await quiz.locator('.quiz-explanation').isHidden(), true);
    await quiz.getByRole('button', { name: 'Show answer' }).click();
    assert.equal(await quiz.locator('.quiz-explanation').isVisible(), true);
    assert.deepEqual(await quiz.locator('.quiz-option.is-correct').allTextContents(), [
      ' When every participant voted yes',
    ]);
    assert.deepEqual(await quiz.locator('.quiz-option.is-wrong').allTextContents(), [' When a majority voted yes']);
    assert.deepEqual(
      (await posted(page)).filter((m) => m.type === 'quizAnswered'),
      [{ type: 'quizAnswered', lesson: '20-two-phase-commit', quiz: 'quiz-1', correct: false }],
    );
  });

  it('answers a quiz from the keyboard alone', async () => {
    await page.locator('form.quiz input').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('form.quiz .quiz-feedback').textContent(), 'Correct.');
    assert.equal(await page.locator('form.quiz .quiz-explanation').isVisible(), true);
  });

  it('opens neighbours with arrow and bracket keys, but not while a radio button has focus', async () => {
    await clearPosted(page);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('[');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await posted(page), [
      { type: 'openLesson', lesson: '06-leader-election' },
      { type: 'openLesson', lesson: '06-leader-election' },
    ]);
    await clearPosted(page);
    await page.locator('form.quiz input').first().focus();
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await posted(page), []);
  });

  it('scrolls with j, k, Home and End', async () => {
    const scrollY = (): Promise<number> => page.evaluate(() => window.scrollY);
    await page.keyboard.press('End');
    await page.waitForFunction(() => window.scrollY > 0);
    await page.keyboard.press('Home');
    await page.waitForFunction(() => window.scrollY === 0);
    await page.keyboard.press('j');
    await page.waitForFunction(() => window.scrollY > 0);
    const down = await scrollY();
    await page.keyboard.press('k');
    await page.waitForFunction((y) => window.scrollY < y, down);
  });

  it('sends external links, lesson links and the exercise button to the host', async () => {
    await clearPosted(page);
    await page.getByRole('link', { name: 'the paper' }).click();
    await page.getByRole('link', { name: 'the Raft lesson' }).click();
    await page.getByRole('button', { name: 'Start the exercise' }).first().click();
    assert.deepEqual(await posted(page), [
      { type: 'openLink', href: 'https://example.org/2pc' },
      { type: 'openLesson', lesson: '06-leader-election', anchor: 'terms' },
      { type: 'startExercise', exercise: 'two-phase-commit' },
    ]);
    assert.equal(new URL(page.url()).pathname, '/', 'the page itself never navigates');
  });

  it('mounts a diagram where the trace came and shows why where it did not', async () => {
    await page.waitForSelector('figure[data-sim="sim-1"] .ds-diagram canvas');
    assert.equal(await page.locator('figure[data-sim="sim-1"] .sim-status').count(), 0);
    assert.equal(
      await page.locator('figure[data-sim="sim-2"] .sim-error').textContent(),
      'The simulation could not run: no precomputed run',
    );
  });

  it("speaks the lesson's language in a simulation's controls", async () => {
    const english = page.locator('figure[data-sim="sim-1"] .ds-controls');
    await english.waitFor();
    assert.equal(await english.getByRole('button', { name: 'Play or pause (space)' }).textContent(), 'Play');
    await page.evaluate((m) => window.postMessage(m, '*'), { ...message, locale: 'zh-cn' });
    const chinese = page.locator('figure[data-sim="sim-1"] .ds-controls');
    await page.waitForFunction(() => document.querySelector('.ds-controls .ds-readout')?.textContent === '整个运行');
    assert.equal(await chinese.getByRole('button', { name: '播放或暂停（空格）' }).textContent(), '播放');
    await chinese.getByRole('button', { name: '下一个事件（→）' }).click();
    // The readout follows the cursor on the next frame: wait for it rather than read it at once.
    await page.waitForFunction(
      () =>
        /^[\d.]+ ms · 第 1 个事件，共 \d+ 个$/.test(
          document.querySelector('.ds-controls .ds-readout')?.textContent ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    );
  });

  it('restores quiz answers and the scroll position after the webview reloads', async () => {
    await page.locator('form.quiz').getByLabel('When every participant voted yes').check();
    await page.locator('form.quiz').getByRole('button', { name: 'Check' }).click();
    await page.evaluate(() => window.scrollTo({ top: 400, behavior: 'instant' }));
    await page.waitForFunction(() => {
      const saved = (window as unknown as { savedState?: { lessons: Record<string, { scroll: number }> } }).savedState;
      return saved?.lessons['20-two-phase-commit']?.scroll === 400;
    });
    server.setSavedState(await page.evaluate(() => (window as unknown as { savedState: unknown }).savedState));
    try {
      await load();
      assert.equal(await page.evaluate(() => window.scrollY), 400);
      assert.equal(await page.locator('form.quiz').getByLabel('When every participant voted yes').isChecked(), true);
      assert.equal(await page.locator('form.quiz .quiz-feedback').textContent(), 'Correct.');
    } finally {
      server.setSavedState(undefined);
    }
  });
});
