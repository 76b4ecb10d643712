import assert from 'node:assert/strict';
import { join } from 'node:path';
import { raftElection } from '../../lessons/06-leader-election/exercise';
import { twoPhaseCommit } from '../../lessons/20-two-phase-commit/exercise';
import { loadStudentModule, runAndCheck, type Failure } from '../../src/grader';
import type { StateTable, Trace } from '../../src/kernel';
import type { DiagramController } from '../../src/webview/diagram';
import type { ShowTraceMessage, TraceViewerToHost } from '../../src/webview/traceViewer/protocol';
import { buggyVariant, referenceSolution } from '../exercises/solutions';
import { gossipTrace, handTrace, traceText } from '../webview/diagram/fixtures';
import { results, useWebviewPages, type PageOptions } from './webviewPage';

declare global {
  interface Window {
    __posted: TraceViewerToHost[];
  }
}

/** The viewer's page as the tests open it, unless one says otherwise. */
const PAGE: PageOptions = { viewport: { width: 1400, height: 820 }, colorScheme: 'dark', deviceScaleFactor: 1 };

/** The first failing run of the Raft variant that grants every vote: two leaders in one term. */
function failingRaftRun(): { trace: Trace; failure: Failure; seed: number; states?: StateTable } {
  const { source, file } = buggyVariant('raft-election', 'double-vote');
  const program = loadStudentModule(source, file);
  const scenario = raftElection.scenarios.find((s) => s.name === 'many-elections')!;
  for (let seed = 1; seed <= 30; seed++) {
    const run = runAndCheck({ exercise: raftElection, scenario, program, seed, file, recordStates: true });
    if (run.failure) return { trace: run.trace, failure: run.failure, seed, states: run.result.states };
  }
  throw new Error('double-vote passed many-elections on 30 seeds');
}

describe('trace viewer in chromium', function () {
  const web = useWebviewPages(
    { title: 'Trace', name: 'traceViewer' },
    {
      defaults: PAGE,
      init: () => {
        window.__posted = [];
        window.addEventListener('trace-viewer:post', (e) =>
          window.__posted.push((e as CustomEvent<TraceViewerToHost>).detail),
        );
      },
      ready: async (page) => {
        await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
      },
    },
  );

  afterEach(() => {
    assert.deepEqual(web.problems, [], 'no console errors, no CSP violations');
  });

  async function show(message: ShowTraceMessage): Promise<void> {
    await web.page.evaluate((m) => window.postMessage(m, '*'), message);
    await web.page.waitForFunction(() => window.__diagram !== undefined);
    await settle();
  }

  /** Two animation frames: whatever was asked for has been drawn. */
  async function settle(): Promise<void> {
    await web.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
  }

  async function shot(name: string): Promise<void> {
    await web.page.screenshot({ path: join(results, `trace-viewer-${name}.png`) });
  }

  /**
   * How much of the diagram differs from its background (share of pixels), how strongly (mean
   * colour distance, 0–1: faint, dimmed drawing counts less), and in how many colours.
   */
  async function ink(): Promise<{ share: number; strength: number; colours: number }> {
    return web.page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.ds-canvas')!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const bg = [data[0]!, data[1]!, data[2]!];
      const colours = new Set<number>();
      let inked = 0;
      let distance = 0;
      for (let i = 0; i < data.length; i += 4) {
        const d = Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!);
        if (d > 0) inked++;
        distance += d / 765;
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      const pixels = data.length / 4;
      return { share: inked / pixels, strength: distance / pixels, colours: colours.size };
    });
  }

  async function canvasPixel(x: number, y: number): Promise<number[]> {
    return web.page.evaluate(
      ([px, py]) => [
        ...document
          .querySelector<HTMLCanvasElement>('.ds-canvas')!
          .getContext('2d')!
          .getImageData(px!, py!, 1, 1)
          .data.slice(0, 3),
      ],
      [x, y],
    );
  }

  const diagram = <T>(fn: (d: DiagramController) => T): Promise<T> =>
    web.page.evaluate<T>(`(${fn.toString()})(window.__diagram)`);

  it('draws one lane per node, labelled n1 to n5, with arrows, bands and states', async () => {
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip · faulty-network · seed 11' });
    await shot('gossip');
    const { share, colours } = await ink();
    assert.ok(share > 0.05, `only ${(share * 100).toFixed(1)} % of the canvas is drawn`);
    assert.ok(colours > 50, `only ${colours} colours`);
    assert.deepEqual(await web.page.locator('.ds-lanes li').allTextContents(), [
      'network',
      'n1',
      'n2',
      'n3',
      'n4',
      'n5',
    ]);
    assert.deepEqual(await web.page.locator('.tv-node').allTextContents(), ['n1', 'n2', 'n3', 'n4', 'n5']);
    assert.match((await web.page.locator('.tv-meta').textContent()) ?? '', /faulty-network · seed 11 · [\d,]+ events/);
    const darkBackground = await canvasPixel(2, 2);
    await web.page.emulateMedia({ colorScheme: 'light' });
    await settle();
    await shot('gossip-light');
    const lightBackground = await canvasPixel(2, 2);
    assert.ok(
      lightBackground.reduce((a, b) => a + b) > darkBackground.reduce((a, b) => a + b) + 300,
      `follows the colour scheme: ${darkBackground.join(',')} → ${lightBackground.join(',')}`,
    );
  });

  it("says each lane's state at the cursor for screen readers: a 2PC participant prepared, then committed", async () => {
    const { source, file } = referenceSolution('two-phase-commit');
    const scenario = twoPhaseCommit.scenarios.find((s) => s.name === 'happy-path')!;
    const run = runAndCheck({
      exercise: twoPhaseCommit,
      scenario,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
    const prepared = [...run.trace.ofKind('report')].find((e) => e.node === 'n2' && e.data['event'] === 'prepare')!;
    await show({ type: 'showTrace', traceText: traceText(run.trace), title: 'two-phase-commit · happy-path · seed 1' });
    const n2 = web.page.locator('.ds-lanes li', { hasText: 'n2' });
    const described = async (time: number): Promise<string> => {
      await web.page.evaluate((t) => window.__diagram!.seek(t), time);
      await settle();
      return (await n2.getAttribute('aria-description')) ?? '';
    };
    assert.equal(await described(0), '', 'nothing before its first transaction');
    assert.equal(await described(prepared.time), `prepared · tx ${String(prepared.data['tx'])}`);
    assert.match(await described(run.trace.event(run.trace.length - 1).time), /^committed · tx t5-/);
    await shot('2pc-states');
  });

  it('draws at the screen pixel ratio, so lines stay crisp on a high-density display', async () => {
    await web.open({ ...PAGE, deviceScaleFactor: 2 });
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' });
    await web.page.evaluate(() => window.__diagram!.zoom(6, 420));
    await settle();
    await shot('gossip-dpr2');
    const size = await web.page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.ds-canvas')!;
      return { pixels: [canvas.width, canvas.height], css: [canvas.clientWidth, canvas.clientHeight] };
    });
    assert.deepEqual(
      size.pixels,
      size.css.map((c) => c * 2),
    );
    assert.ok((await ink()).share > 0.05);
  });

  it('shows a lost message as a drop that a click selects', async () => {
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' });
    const drop = await diagram((d) => {
      const a = d.model.arrows;
      for (let k = 0; k < a.count; k++) if (a.flags[k]! & 1 && a.t0[k]! > 100) return a.end[k]!;
      return -1;
    });
    assert.ok(drop >= 0, 'the model has a dropped message');
    await web.page.evaluate((i) => window.__diagram!.highlight([i], true), drop);
    await settle();
    // Two small pans and a zoom: drawn from the cache (copied, then stretched until the zoom
    // settles), and clicks must still land on what is under the pointer.
    for (let i = 0; i < 2; i++) {
      await web.page.evaluate(() =>
        window.__diagram!.pan((window.__diagram!.view.end - window.__diagram!.view.start) * 0.03),
      );
      await settle();
    }
    await web.page.evaluate((i) => window.__diagram!.zoom(1.15, window.__diagram!.model.times[i]), drop);
    await settle();
    const point = await web.page.evaluate((i) => window.__diagram!.pointOf(i), drop);
    assert.ok(point, 'the drop is on screen');
    const box = (await web.page.locator('.ds-canvas').boundingBox())!;
    await web.page.mouse.click(box.x + point.x, box.y + point.y);
    await settle();
    await shot('drop-selected');
    assert.equal(await diagram((d) => d.selected), drop);
    assert.equal(await web.page.locator('.tv-details .tv-kind').textContent(), 'drop');
    assert.match(
      (await web.page.locator('.tv-details-title').textContent()) ?? '',
      /→ .*(lost on the wire|dropped after)/,
    );
    await web.page.locator('.tv-related .tv-link', { hasText: 'sent' }).click();
    assert.equal(
      await diagram((d) => d.selected),
      await web.page.evaluate((i) => window.__diagram!.model.links[i], drop),
    );
    assert.equal(await web.page.locator('.tv-details .tv-kind').textContent(), 'send');
  });

  it('plays the run forward from the start and pauses', async () => {
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' });
    await web.page.locator('.ds-diagram').focus();
    await web.page.keyboard.press('Home');
    assert.deepEqual(await diagram((d) => d.cursor!.index), -1, 'nothing has happened yet');
    const start = await diagram((d) => d.cursor!.time);
    await web.page.keyboard.press(' ');
    await settle();
    assert.equal(await web.page.locator('.tv-play').textContent(), '⏸ Pause');
    await web.page.waitForFunction((t) => window.__diagram!.cursor!.time > t + 5, start);
    await web.page.keyboard.press(' ');
    await settle();
    assert.equal(await diagram((d) => d.playing), false);
    assert.equal(await web.page.locator('.tv-play').textContent(), '▶ Play');
    const paused = await diagram((d) => d.cursor!);
    assert.ok(paused.index >= 0);
    await settle();
    assert.deepEqual(await diagram((d) => d.cursor!), paused, 'a paused cursor stays put');
  });

  it('restores the zoom, cursor and filters when the webview reloads the same trace', async () => {
    // VS Code keeps a webview's setState across reloads; sessionStorage stands in for it here.
    // (A script as text: functions passed from here would carry the test runner's name helpers.)
    await web.page.addInitScript(`window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.dispatchEvent(new CustomEvent('trace-viewer:post', { detail: m })),
      getState: () => JSON.parse(sessionStorage.getItem('state') ?? 'null') ?? undefined,
      setState: (state) => sessionStorage.setItem('state', JSON.stringify(state)),
    });`);
    const reload = async (): Promise<void> => {
      await web.page.reload();
      await web.page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    };
    await reload();
    const message: ShowTraceMessage = { type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' };
    await show(message);
    await web.page.evaluate(() => window.__diagram!.zoom(5, 420));
    await web.page.locator('.tv-node', { hasText: 'n4' }).click();
    await web.page.locator('.ds-diagram').focus();
    for (let i = 0; i < 3; i++) await web.page.keyboard.press('ArrowRight');
    await web.page.waitForFunction(
      () =>
        JSON.stringify((JSON.parse(sessionStorage.getItem('state') ?? '{}') as { view?: unknown }).view) ===
        JSON.stringify(window.__diagram!.viewState()),
    );
    const before = await diagram((d) => d.viewState());
    await reload();
    await show(message);
    assert.deepEqual(await diagram((d) => d.viewState()), before);
    assert.equal(await web.page.locator('.tv-node', { hasText: 'n4' }).locator('input').isChecked(), false);
    await reload();
    await show({ ...message, traceText: traceText(gossipTrace({ seed: 12 })) });
    assert.deepEqual(await diagram((d) => d.viewState().filter), {}, 'another trace starts afresh');
  });

  it('steps the cursor event by event with the arrow keys, and shows each event', async () => {
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' });
    await web.page.evaluate(() => window.__diagram!.zoom(4, 330));
    await web.page.locator('.ds-diagram').focus();
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      await web.page.keyboard.press('ArrowRight');
      seen.push(await diagram((d) => d.cursor!.index));
    }
    assert.ok(
      seen.every((index, i) => i === 0 || index > seen[i - 1]!),
      `cursor indices ${seen.join(', ')}`,
    );
    assert.equal(await diagram((d) => d.selected), seen.at(-1));
    await web.page.keyboard.press('ArrowLeft');
    assert.equal(await diagram((d) => d.cursor!.index), seen.at(-2));
    assert.match(
      (await web.page.locator('.tv-details .tv-muted').textContent()) ?? '',
      new RegExp(`^#${seen.at(-2)} `),
    );
    await settle();
    await shot('stepping');
    const before = await ink();
    await web.page.keyboard.press('End');
    await settle();
    assert.equal(await diagram((d) => d.cursor), undefined, 'End shows the whole run');
    assert.ok((await ink()).strength > before.strength * 1.2, 'what was dimmed is drawn in full');
  });

  it('shows the violation and jumps to its events', async () => {
    const { trace, failure, seed } = failingRaftRun();
    const footer = { exercise: 'raft-election', scenario: 'many-elections', seed, passed: false, failure };
    await show({
      type: 'showTrace',
      traceText: traceText(trace, footer),
      title: `raft-election · many-elections · seed ${seed}`,
    });
    const banner = web.page.locator('.tv-banner.tv-fail');
    assert.ok(await banner.isVisible());
    assert.equal(await banner.locator('strong').textContent(), failure.property);
    assert.equal(await banner.locator('.tv-banner-explanation').textContent(), failure.explanation);
    await shot('violation');
    const events = failure.events ?? [];
    assert.ok(events.length > 0, 'the checker names events');
    const whole = await diagram((d) => d.model.endTime - d.model.times[0]!);
    const opened = await diagram((d) => d.view);
    const firstAt = await web.page.evaluate((i) => window.__diagram!.model.times[i]!, events[0]!);
    assert.ok(firstAt >= opened.start && firstAt <= opened.end, 'it opens on the violation');
    await web.page.evaluate(() => window.__diagram!.fit());
    await web.page.locator('.tv-jump').click();
    await settle();
    await shot('violation-jump');
    const view = await diagram((d) => d.view);
    const times = await web.page.evaluate((ev) => ev.map((i) => window.__diagram!.model.times[i]!), events);
    for (const t of times)
      assert.ok(t >= view.start && t <= view.end, `event at ${t} ms is in view [${view.start}, ${view.end}]`);
    assert.ok(view.end - view.start < whole / 2, 'the jump zooms in');
    for (const i of events)
      assert.ok(await web.page.evaluate((e) => window.__diagram!.pointOf(e) !== undefined, i), `event #${i} is drawn`);
    assert.equal(await diagram((d) => d.selected), events[0]);
  });

  it('shows the selected event’s node, fields and storage before → after, and the other nodes', async () => {
    const { trace, failure, seed, states } = failingRaftRun();
    await show({ type: 'showTrace', traceText: traceText(trace, { passed: false, failure }, states), title: 'raft' });
    // A vote request that made its receiver vote: its storage changed.
    const vote = [...trace.ofKind('deliver')].find(
      (e) =>
        (e.data as { type: string }).type === 'RequestVote' &&
        states!.nodes.some((n) => n.changes.some((c) => c.at === e.index && c.storage !== undefined)),
    )?.index;
    assert.ok(vote !== undefined, `seed ${seed} has a vote`);
    const node = trace.event(vote).node;
    await web.page.evaluate((i) => window.__diagram!.select(i, true), vote);
    await settle();
    const own = web.page.locator(`.tv-state[data-node="${node}"]`);
    assert.equal(await own.locator('h3').textContent(), `State of ${node}`);
    assert.deepEqual(await own.locator('table[data-section="fields"] thead th').allTextContents(), [
      'key',
      'before',
      'after',
    ]);
    assert.deepEqual(await own.locator('table[data-section="fields"] tbody th').allTextContents(), [
      'answered',
      'role',
      'votes',
    ]);
    assert.equal(await own.locator('.tv-durable').textContent(), 'durable: survives a crash');
    const votedFor = own.locator('table[data-section="storage"] tr[data-key="votedFor"]');
    assert.equal(await votedFor.getAttribute('class'), 'tv-changed');
    assert.equal(await votedFor.locator('td').last().textContent(), JSON.stringify(trace.event(vote).peer));
    assert.equal(await web.page.locator('.tv-state-other').count(), trace.header.lanes.length - 1);
    await web.page.locator('.tv-details').evaluate((e) => (e.scrollTop = e.scrollHeight));
    await shot('node-state');
    // The same pane in a Chinese UI.
    await web.open({ ...PAGE, path: '?lang=zh-cn' });
    await show({ type: 'showTrace', traceText: traceText(trace, { passed: false, failure }, states), title: 'raft' });
    await web.page.evaluate((i) => window.__diagram!.select(i, true), vote);
    await settle();
    assert.equal(await web.page.locator('.tv-state h3').textContent(), `${node} 的状态`);
    assert.equal(await web.page.locator('.tv-state .tv-durable').textContent(), '持久：崩溃后仍在');
  });

  it('shows a vote kept in a field lost at the crash, and the term kept in storage surviving it', async () => {
    const { source, file } = buggyVariant('raft-election', 'volatile-voted-for');
    const program = loadStudentModule(source, file);
    const scenario = raftElection.scenarios.find((s) => s.name === 'restart-after-vote')!;
    const run = runAndCheck({ exercise: raftElection, scenario, program, seed: 1, file, recordStates: true });
    assert.ok(run.failure, 'volatile-voted-for fails restart-after-vote on seed 1');
    const footer = { exercise: 'raft-election', scenario: scenario.name, seed: 1, passed: false, failure: run.failure };
    await show({
      type: 'showTrace',
      traceText: traceText(run.trace, footer, run.result.states),
      title: 'raft-election · restart-after-vote · seed 1',
    });
    const crash = [...run.trace.ofKind('crash')][0]!;
    await web.page.evaluate((i) => window.__diagram!.select(i, true), crash.index);
    await settle();
    const own = web.page.locator(`.tv-state[data-node="${crash.node}"]`);
    assert.equal(
      await own.locator('.tv-state-note').textContent(),
      'Lost in the crash: the node restarts with fresh fields, and only its storage.',
    );
    const votedFor = own.locator('table[data-section="fields"] tr[data-key="votedFor"] td');
    assert.deepEqual(await votedFor.allTextContents(), ['"n1"', 'lost in a crash']);
    assert.deepEqual(
      await own.locator('table[data-section="storage"] tr[data-key="currentTerm"] td').allTextContents(),
      ['1', '1'],
    );
    await shot('node-state-crash');
    // Beside the code the panel is narrow: the details go under the diagram, still showing the state.
    await web.page.setViewportSize({ width: 520, height: 800 });
    await settle();
    assert.ok(await own.locator('table[data-section="storage"]').isVisible());
    const [diagramBox, detailsBox] = await Promise.all([
      web.page.locator('.tv-diagram').boundingBox(),
      web.page.locator('.tv-details').boundingBox(),
    ]);
    assert.ok(diagramBox && detailsBox && detailsBox.y >= diagramBox.y + diagramBox.height - 1, 'under the diagram');
    assert.ok(diagramBox.height >= 180, `the diagram keeps room to draw (${diagramBox.height} px)`);
    const overview = await web.page.locator('.tv-diagram canvas').last().boundingBox();
    assert.ok(
      overview && overview.y + overview.height <= detailsBox.y + 1,
      'nothing of the diagram spills over the details',
    );
    await shot('node-state-narrow');
  });

  it('opens a failure that has only a time on an axis spanning the run, and jumps to that time', async () => {
    // The starter's failure: the nodes start at 0 ms and nothing else happens; no leader by 2000 ms.
    const trace = handTrace(
      ['n1', 'n2', 'n3'],
      [
        [0, 'start', 0, -1, -1, undefined],
        [0, 'start', 1, -1, -1, undefined],
        [0, 'start', 2, -1, -1, undefined],
      ],
    );
    const failure = { checker: 'leader-elected', property: 'a leader is elected', explanation: 'none', at: 2000 };
    await show({
      type: 'showTrace',
      traceText: traceText(trace, { passed: false, failure, endTime: 4000 }),
      title: 'starter',
    });
    assert.equal(await diagram((d) => d.model.endTime), 4000);
    const view = await diagram((d) => d.view);
    assert.ok(view.start > 1000 && view.start < 2000 && view.end > 2000, `around 2000 ms: ${JSON.stringify(view)}`);
    await shot('violation-at-a-time');
    await web.page.evaluate(() => window.__diagram!.fit());
    await web.page.locator('.tv-jump').click();
    await settle();
    assert.equal(await diagram((d) => d.cursor?.time), 2000);
    const after = await diagram((d) => d.view);
    assert.ok(after.start <= 2000 && after.end >= 2000);
  });

  it("links the verdict's file:line places; clicking one asks the host to open the file there", async () => {
    const file = 'distsys/raft-election/starter.ts';
    const failure = {
      checker: 'exception',
      property: 'handlers do not throw',
      explanation: `n1 threw TypeError in onTimer at 12 ms (${file}:13:7): x is undefined`,
      at: 12,
      nodes: ['n1'],
      location: { file, line: 13, column: 7 },
    };
    await show({
      type: 'showTrace',
      traceText: traceText(gossipTrace(), { passed: false, failure }),
      title: 'thrown',
      note: 'This is the run as graded.',
    });
    assert.equal(await web.page.locator('.tv-banner-submission').textContent(), 'This is the run as graded.');
    assert.equal(await web.page.locator('.tv-banner-explanation').textContent(), failure.explanation);
    const links = web.page.locator('.tv-source-link');
    assert.deepEqual(
      await links.allTextContents(),
      [`${file}:13:7`, `${file}:13:7`],
      'in the explanation and below it',
    );
    await links.first().click();
    const posted = await web.page.evaluate(() => window.__posted);
    assert.deepEqual(posted.at(-1), { type: 'openSource', file, line: 13, column: 7 });
  });

  it('keeps what the student filtered when another run of the same nodes comes (a shrunk one, another seed)', async () => {
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' });
    await web.page.locator('.tv-node', { hasText: 'n5' }).click();
    await settle();
    await show({ type: 'showTrace', traceText: traceText(gossipTrace({ seed: 12 })), title: 'gossip · seed 12' });
    await web.page.waitForFunction(() => document.querySelector('.tv-title')?.textContent === 'gossip · seed 12');
    assert.deepEqual(await diagram((d) => d.viewState().filter), { nodes: ['n1', 'n2', 'n3', 'n4'] });
    assert.equal(await web.page.locator('.tv-node', { hasText: 'n5' }).locator('input').isChecked(), false);
    assert.deepEqual(await web.page.locator('.ds-lanes li').allTextContents(), ['network', 'n1', 'n2', 'n3', 'n4']);
  });

  it('asks the host to re-run with a seed, to shrink and to export', async () => {
    const { trace, failure, seed } = failingRaftRun();
    await show({ type: 'showTrace', traceText: traceText(trace), title: 'raft', verdict: { passed: false, failure } });
    assert.equal(await web.page.locator('.tv-seed').inputValue(), String(seed));
    await web.page.locator('.tv-seed').fill('42');
    await web.page.getByRole('button', { name: 'Run again with this seed' }).click();
    await web.page.getByRole('button', { name: 'Find a smaller fault schedule that still fails' }).click();
    await web.page.getByRole('button', { name: 'Save this trace to a file' }).click();
    const posted = await web.page.evaluate(() => window.__posted);
    assert.deepEqual(posted, [{ type: 'ready' }, { type: 'rerun', seed: 42 }, { type: 'shrink' }, { type: 'export' }]);
  });

  it('filters nodes and message types, and finds text with next and previous', async () => {
    await show({ type: 'showTrace', traceText: traceText(gossipTrace()), title: 'gossip' });
    await web.page.locator('.tv-node', { hasText: 'n5' }).click();
    await web.page.locator('.tv-node', { hasText: 'n4' }).click();
    await settle();
    assert.deepEqual(await web.page.locator('.ds-lanes li').allTextContents(), ['network', 'n1', 'n2', 'n3']);
    await web.page.locator('.tv-menu summary', { hasText: 'Messages' }).click();
    await web.page.locator('.tv-menu-list .tv-check', { hasText: 'Ack' }).click();
    assert.deepEqual(await diagram((d) => d.viewState().filter), {
      nodes: ['n1', 'n2', 'n3'],
      messageTypes: ['Gossip'],
    });
    await web.page.keyboard.press('/');
    assert.equal(await web.page.evaluate(() => document.activeElement?.className), 'tv-search');
    await web.page.keyboard.type('learned version');
    await web.page.keyboard.press('Enter');
    const first = await diagram((d) => d.selected);
    assert.ok(first !== undefined);
    assert.match((await web.page.locator('.tv-count').textContent()) ?? '', /^1 \/ \d+$/);
    await web.page.keyboard.press('Enter');
    assert.notEqual(await diagram((d) => d.selected), first);
    await web.page.keyboard.press('Shift+Enter');
    assert.equal(await diagram((d) => d.selected), first);
    assert.match((await web.page.locator('.tv-details-title').textContent()) ?? '', /logged/);
    await settle();
    await shot('filtered-search');
  });

  it("speaks the page's language in the toolbar, the verdict and the details pane", async () => {
    await web.open({ ...PAGE, path: '?lang=zh-cn' });
    const { trace, failure, seed } = failingRaftRun();
    await show({ type: 'showTrace', traceText: traceText(trace), title: 'raft', verdict: { passed: false, failure } });
    const toolbar = web.page.locator('.tv-toolbar');
    assert.equal(await toolbar.getAttribute('aria-label'), '轨迹查看器');
    assert.equal(await toolbar.getByRole('button', { name: '播放或暂停（空格）' }).textContent(), '▶ 播放');
    assert.equal(await toolbar.getByRole('button', { name: '让整个运行适应视图（0）' }).textContent(), '适应');
    assert.equal(await toolbar.locator('.tv-search').getAttribute('placeholder'), '搜索类型、内容、日志（/）');
    assert.deepEqual(await toolbar.locator('summary').allTextContents(), ['消息', '事件']);
    assert.equal(await web.page.locator('.tv-jump').textContent(), '跳到违规处');
    assert.match(
      (await web.page.locator('.tv-meta').textContent()) ?? '',
      new RegExp(`^many-elections · 种子 ${seed} · [\\d,]+ 个事件 · `),
    );
    assert.match(
      (await web.page.locator('.tv-banner-explanation').textContent()) ?? '',
      /^n\d 在任期 \d+ 投了两次票：/,
    );
    assert.equal(await web.page.locator('.tv-details .tv-panel-title').textContent(), '怎么看这张图');
    assert.equal(await web.page.locator('.tv-details .tv-legend li').first().textContent(), '→一条消息，从发送到送达');
    const deliver = [...trace.ofKind('deliver')][0]!;
    await web.page.evaluate((i) => window.__diagram!.select(i, true), deliver.index);
    await settle();
    assert.match(
      (await web.page.locator('.tv-details-title').textContent()) ?? '',
      /^n\d → n\d \w+: [\d.]+ ms 后送达$/,
    );
    assert.deepEqual(await web.page.locator('.tv-details .tv-facts dt').first().textContent(), '节点');
    assert.equal(await web.page.locator('.tv-related .tv-link').first().textContent(), '发送 →');
    await web.page.getByRole('button', { name: '用这个种子再运行一次' }).click();
    await shot('chinese');
  });

  it('leaves most of an editor-sized page to the diagram, details and verdict included', async () => {
    await web.open({ ...PAGE, viewport: { width: 1000, height: 640 } });
    const { trace, failure } = failingRaftRun();
    await show({ type: 'showTrace', traceText: traceText(trace), title: 'raft', verdict: { passed: false, failure } });
    const stage = await web.page.locator('.tv-diagram').boundingBox();
    const canvas = await web.page.locator('.ds-canvas').boundingBox();
    assert.ok(stage && canvas);
    await shot('editor-sized');
    assert.ok(stage.width >= 700, `the diagram is ${stage.width} px of 1000 wide`);
    assert.ok(canvas.height >= 380, `the lanes get ${canvas.height} px of 640 high`);
  });

  it('tells the student when the text is not a trace', async () => {
    await web.page.evaluate(() =>
      window.postMessage({ type: 'showTrace', traceText: '{"format":"other"}', title: 'x' }, '*'),
    );
    await web.page.waitForSelector('.tv-empty');
    assert.match((await web.page.locator('.tv-empty').textContent()) ?? '', /not a trace file .*not a distsys trace/);
  });
});
