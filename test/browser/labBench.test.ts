import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { raftElection } from '../../lessons/06-leader-election/exercise';
import { loadStudentModule } from '../../src/grader';
import type { MessagePath } from '../../src/webview/diagram';
import { LiveRun } from '../../src/webview/labBench/liveRun';
import type { BenchToHost, HostToBench } from '../../src/webview/labBench/protocol';
import { buggyVariant, referenceSolution } from '../exercises/solutions';
import { results, useWebviewPages } from './webviewPage';

const root = join(__dirname, '../..');

declare global {
  interface Window {
    __benchPosted: BenchToHost[];
  }
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

/** The trace index of the first message `from` sent `to`, as the page's diagram has it. */
async function sendOf(page: Page, from: string, to: string): Promise<number> {
  const send = await page.evaluate(
    ([from, to]) => {
      const trace = window.__diagram!.model.trace;
      for (let i = 0; i < trace.length; i++) {
        const e = trace.event(i);
        if (e.kind === 'send' && e.node === from && e.peer === to) return i;
      }
      return -1;
    },
    [from, to],
  );
  assert.ok(send >= 0, `${from} sent ${to} nothing`);
  return send;
}

/** Waits until the message sent at `send` is drawn once, as `fate`, and says where. */
async function drawnOnce(page: Page, send: number, fate: MessagePath['fate']): Promise<MessagePath> {
  const handle = await page.waitForFunction(
    ([send, fate]) => {
      const paths = window.__diagram?.messagePath(send) ?? [];
      return paths.length === 1 && paths[0]!.fate === fate ? paths[0] : false;
    },
    [send, fate] as const,
  );
  return (await handle.jsonValue()) as MessagePath;
}

/** Whether within a few seconds the canvas shows what `drawn` looks for (a draw waits for the next frame). */
async function shows<A>(
  page: Page,
  drawn: Parameters<typeof page.waitForFunction<boolean, A>>[0],
  arg: A,
): Promise<boolean> {
  return page
    .waitForFunction(drawn, arg, { timeout: 5000 })
    .then(() => true)
    .catch(() => false);
}

/** Whether the canvas shows the message type's colour along most of the path (a dashed line has gaps). */
async function inked(page: Page, path: MessagePath, type: string): Promise<boolean> {
  return shows(
    page,
    ({ path, type }) => {
      const diagram = window.__diagram!;
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = diagram.legend().find((l) => l.type === type)!.colour;
      const hex = probe.fillStyle;
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const ctx = diagram.element.querySelector<HTMLCanvasElement>('.ds-canvas')!.getContext('2d')!;
      let hits = 0;
      for (let f = 0.1; f < 0.95; f += 0.1) {
        const x = Math.round(path.from.x + (path.to.x - path.from.x) * f);
        const y = Math.round(path.from.y + (path.to.y - path.from.y) * f);
        const { data } = ctx.getImageData(x - 2, y - 2, 5, 5);
        for (let i = 0; i < data.length; i += 4)
          if (
            Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!) <
            90
          ) {
            hits++;
            break;
          }
      }
      return hits >= 6;
    },
    { path, type },
  );
}

/** Whether the canvas has a red mark around a point. */
async function redCross(page: Page, at: { x: number; y: number }): Promise<boolean> {
  return shows(
    page,
    (at) => {
      const canvas = document.querySelector<HTMLCanvasElement>('.ds-canvas')!;
      const { data } = canvas.getContext('2d')!.getImageData(Math.round(at.x) - 5, Math.round(at.y) - 5, 11, 11);
      let red = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 180 && data[i + 1]! < 110 && data[i + 2]! < 110) red++;
      return red >= 6;
    },
    at,
  );
}

describe('lab bench in chromium', function () {
  const web = useWebviewPages(
    { title: 'Lab bench', name: 'labBench', runsStudentCode: true },
    {
      defaults: { viewport: { width: 1280, height: 900 } },
      init: () => {
        window.__benchPosted = [];
        window.addEventListener('bench:post', (e) => window.__benchPosted.push((e as CustomEvent<BenchToHost>).detail));
      },
    },
  );

  it('runs the student’s file in a worker under the page’s policy; a crash by click elects a new leader', async () => {
    const { source } = referenceSolution('raft-election');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.selectOption('.bench-speed', '5');
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.waitForFunction(
      () => Array.from(document.querySelectorAll('.bench-card')).some((c) => /role leader/.test(c.textContent ?? '')),
      undefined,
      { timeout: 20_000 },
    );
    const [first] = await leaders(web.page);
    assert.ok(first);
    await web.page.click(`.bench-card[data-node="${first}"] button:has-text("Crash")`);
    await web.page.waitForFunction(
      (old) =>
        Array.from(document.querySelectorAll('.bench-card:not(.bench-down)')).some(
          (c) => c.getAttribute('data-node') !== old && /role leader/.test(c.textContent ?? ''),
        ),
      first,
      { timeout: 20_000 },
    );
    assert.ok(await web.page.isVisible(`.bench-card.bench-down[data-node="${first}"]`));
    assert.match((await web.page.textContent('.bench-schedule')) ?? '', new RegExp(`crash ${first}`));
    await web.page.screenshot({ path: join(results, 'lab-bench-crash.png') });
    // A partition drawn by picking groups on the cards: the two nodes still up, one each side.
    const up = await web.page.$$eval('.bench-card:not(.bench-down)', (cards) =>
      cards.map((c) => c.getAttribute('data-node')),
    );
    await web.page.click(`.bench-card[data-node="${up[0]}"] .bench-group`);
    await web.page.click(`.bench-card[data-node="${up[1]}"] .bench-group`);
    await web.page.click(`.bench-card[data-node="${up[1]}"] .bench-group`);
    await web.page.click('.bench-partition');
    await web.page.click('.bench-schedule-box summary');
    await web.page.waitForSelector(`.bench-schedule li:has-text("partition {${up[0]}} | {${up[1]}}")`);
    await web.page.waitForTimeout(2000);
    await web.page.screenshot({ path: join(results, 'lab-bench-partition.png') });
    await web.page.click('.bench-save');
    const saved = await web.page.evaluate(() => window.__benchPosted.find((m) => m.type === 'save'));
    assert.ok(saved?.type === 'save');
    assert.deepEqual(
      saved.scenario.faults.map((f) => f.kind),
      ['crash', 'partition'],
    );
    assert.deepEqual(web.problems, []);
  });

  it('shows a syntax error at its line and keeps the run on screen', async () => {
    const { source } = referenceSolution('raft-election');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.evaluate(() =>
      window.postMessage({ type: 'source', source: 'export default class {\n  x = ;\n}' }, '*'),
    );
    await web.page.waitForSelector('.bench-banner:not([hidden])');
    const banner = (await web.page.textContent('.bench-banner')) ?? '';
    assert.match(banner, /distsys\/raft-election\/starter\.ts:2:\d+: syntax error/);
    assert.match(banner, /last file that loaded/);
    assert.equal(await web.page.locator('.bench-card').count(), 3);
    assert.deepEqual(web.problems, []);
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
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.selectOption('.bench-from', 'many-elections');
    await web.page.fill('.bench-seed', String(seed));
    await web.page.click('.bench-restart');
    await web.page.selectOption('.bench-speed', '100');
    await web.page.waitForSelector('.bench-banner:not([hidden])', { timeout: 60_000 });
    const banner = (await web.page.textContent('.bench-banner')) ?? '';
    assert.match(banner, /^Violated: /);
    const time = await web.page.textContent('.bench-time');
    await web.page.waitForTimeout(500);
    assert.equal(await web.page.textContent('.bench-time'), time, 'the clock stopped');
    assert.equal(await web.page.textContent('.bench-play'), 'Run');
    assert.ok(await web.page.locator('.bench-card button', { hasText: 'Crash' }).first().isDisabled());
    await web.page.screenshot({ path: join(results, 'lab-bench-violation.png') });
    assert.deepEqual(web.problems, []);
  });

  it('steps by the student’s choice among deliver, drop, duplicate, timer and crash, back and forward', async () => {
    const { source } = referenceSolution('raft-election');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.click('.bench-step-toggle');
    assert.ok(await web.page.isDisabled('.bench-play'));
    assert.ok(await web.page.isDisabled('.bench-save'));
    await web.page.waitForSelector('.bench-choice-timer');
    assert.equal(await web.page.locator('.bench-choice-crash').count(), 3);
    assert.match((await web.page.textContent('.bench-budget')) ?? '', /faults left: 2 crashes, 5 drops, 5 duplicates/);
    // A timer fires: its RequestVotes are in flight, one dropped and one duplicated by hand.
    const chosen: string[] = [];
    for (const [i, kind] of ['timer', 'drop', 'duplicate'].entries()) {
      const choice = web.page.locator(`.bench-choice-${kind}`).first();
      chosen.push((await choice.textContent()) ?? '');
      await choice.click();
      await web.page.waitForSelector(`.bench-step .bench-status:has-text("${i + 1} step")`);
    }
    assert.match(chosen.join('\n'), /fire timer .*\ndrop RequestVote .*\nduplicate RequestVote /);
    assert.match((await web.page.textContent('.bench-budget')) ?? '', /4 drops, 4 duplicates/);
    const panel = await web.page.evaluate(() => document.querySelector('.bench-step')?.textContent ?? '');
    await web.page.click('.bench-back');
    await web.page.waitForSelector('.bench-step .bench-status:has-text("2 steps chosen")');
    assert.match((await web.page.textContent('.bench-budget')) ?? '', /4 drops, 5 duplicates/);
    await web.page.click('.bench-forward');
    await web.page.waitForSelector('.bench-step .bench-status:has-text("3 steps chosen")');
    assert.equal(await web.page.evaluate(() => document.querySelector('.bench-step')?.textContent ?? ''), panel);
    await web.page.screenshot({ path: join(results, 'lab-bench-step.png') });
    await web.page.click('.bench-step-toggle');
    assert.ok(await web.page.isHidden('.bench-step'));
    assert.ok(!(await web.page.isDisabled('.bench-play')));
    assert.deepEqual(web.problems, []);
  });

  it('draws a message in flight from its send to the present, linked to its choices; delivered or dropped it ends', async () => {
    const { source } = referenceSolution('raft-election');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.click('.bench-step-toggle');
    await web.page.locator('.bench-choice-timer', { hasText: 'election at n1' }).click();
    await web.page.waitForSelector('.bench-choice-deliver');
    const toN3 = await sendOf(web.page, 'n1', 'n3');
    const toN2 = await sendOf(web.page, 'n1', 'n2');
    const flying = await drawnOnce(web.page, toN3, 'in flight');
    assert.ok(flying.to.y > flying.from.y, 'it heads down, towards n3');
    assert.ok(await inked(web.page, flying, 'RequestVote'), 'its dashed line is drawn in its type’s colour');

    // Pointing at a choice marks its line; pointing at the line lights up its choices.
    await web.page.locator('.bench-choice-deliver', { hasText: 'RequestVote n1 → n3' }).hover();
    assert.equal((await drawnOnce(web.page, toN3, 'in flight')).marked, true);
    assert.equal((await drawnOnce(web.page, toN2, 'in flight')).marked, false);
    await web.page.mouse.move(1, 1);
    await web.page.waitForFunction((send) => window.__diagram?.messagePath(send)[0]?.marked === false, toN3);
    const canvas = (await web.page.locator('.ds-canvas').boundingBox())!;
    const along = (f: number) => flying.from.y + (flying.to.y - flying.from.y) * f;
    await web.page.mouse.move(canvas.x + flying.from.x + (flying.to.x - flying.from.x) * 0.75, canvas.y + along(0.75));
    await web.page.waitForSelector('.bench-choice-linked');
    assert.deepEqual(await web.page.locator('.bench-choice-linked').allTextContents(), [
      'deliver RequestVote n1 → n3 (term 1, candidateId n1)',
      'drop RequestVote n1 → n3',
      'duplicate RequestVote n1 → n3',
    ]);
    await web.page.screenshot({ path: join(results, 'lab-bench-in-flight.png') });

    // Delivered, it is an arrow to n3's lane; dropped, n2's ends in a cross.
    await web.page.locator('.bench-choice-deliver', { hasText: 'RequestVote n1 → n3' }).click();
    const delivered = await drawnOnce(web.page, toN3, 'delivered');
    assert.ok(delivered.to.y > flying.to.y, 'the arrow reaches n3’s lane, past where it was in flight');
    assert.ok(await inked(web.page, delivered, 'RequestVote'));
    assert.equal((await drawnOnce(web.page, toN2, 'in flight')).fate, 'in flight');
    await web.page.locator('.bench-choice-drop', { hasText: 'RequestVote n1 → n2' }).click();
    const dropped = await drawnOnce(web.page, toN2, 'dropped');
    assert.ok(await redCross(web.page, dropped.to), `a red ✕ where it was dropped: ${JSON.stringify(dropped)}`);
    await web.page.screenshot({ path: join(results, 'lab-bench-in-flight-ended.png') });
    assert.deepEqual(web.problems, []);
  });

  it('explores a buggy file breadth-first and opens the shortest violation in step mode', async () => {
    const { source } = buggyVariant('raft-election', 'double-vote');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.click('.bench-explore');
    await web.page.waitForSelector('.bench-step:not([hidden]) .bench-status', { timeout: 60_000 });
    const banner = (await web.page.textContent('.bench-banner')) ?? '';
    assert.match(banner, /^Violated: /);
    assert.equal(await web.page.locator('.bench-choice').count(), 0, 'nothing to choose past the violation');
    assert.ok(!(await web.page.isDisabled('.bench-back')));
    await web.page.screenshot({ path: join(results, 'lab-bench-explore.png') });
    assert.deepEqual(web.problems, []);
  });

  it('shows the search’s progress depth by depth, and stops it', async () => {
    const { source } = referenceSolution('raft-election');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    await web.page.click('.bench-explore');
    assert.equal(await web.page.textContent('.bench-explore'), 'Stop');
    assert.ok(await web.page.isDisabled('.bench-step-toggle'));
    await web.page.waitForSelector('.bench-status:has-text("exploring: depth 3 done")', { timeout: 60_000 });
    await web.page.screenshot({ path: join(results, 'lab-bench-exploring.png') });
    await web.page.click('.bench-explore');
    await web.page.waitForSelector('.bench-banner:has-text("Search stopped.")');
    assert.equal(await web.page.textContent('.bench-explore'), 'Explore');
    assert.ok(await web.page.isHidden('.bench-step'));
    assert.ok(!(await web.page.isDisabled('.bench-play')));
    assert.deepEqual(web.problems, []);
  });

  it('speaks Chinese when VS Code does', async () => {
    await web.open({ viewport: { width: 1280, height: 900 }, path: '?lang=zh-cn' });
    const { source } = referenceSolution('raft-election');
    await web.page.evaluate((m) => window.postMessage(m, '*'), initMessage(source));
    await web.page.waitForFunction(() => document.querySelectorAll('.bench-card').length === 3);
    assert.equal(await web.page.textContent('.bench-title'), '实验台：raft-election');
    assert.equal(await web.page.locator('.bench-card button', { hasText: '崩溃' }).count(), 3);
    assert.match((await web.page.textContent('.bench-network')) ?? '', /分区.*恢复网络.*单向切断/);
    await web.page.click('.bench-step-toggle');
    await web.page.waitForSelector('.bench-step p:has-text("下一步发生什么")');
    await web.page.screenshot({ path: join(results, 'lab-bench-zh-cn.png') });
    assert.deepEqual(web.problems, []);
  });
});
