/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simulate } from '../src/kernel';
import { CHROMIUM, launchChromium } from '../test/browser/chromium';
import { formatTable, heading, median, ms } from './table';
import { broadcastSpec } from './workload';

const TARGET_EVENTS = 100_000;
/** Frames of each scripted interaction. */
const FRAMES = 180;

interface Opened {
  events: number;
  openMs: number;
  firstDrawMs: number;
}

interface Interaction {
  name: string;
  /** Intervals between animation frames, ms. */
  intervals: number[];
  /** Time spent drawing each frame, ms. */
  draws: number[];
}

/**
 * Opens a 100 k-event trace in the trace viewer in chromium and measures, inside the page, the
 * time from posting `showTrace` to the end of the first complete draw, then the frame intervals
 * (rAF timestamps) and draw times while the view is panned and zoomed programmatically.
 */
export async function benchViewer(root = join(__dirname, '..')): Promise<string> {
  const bundle = join(root, 'dist/webview/traceViewer.js');
  if (!existsSync(bundle)) return `${heading('Trace viewer')}\nskipped: ${bundle} is missing (npm run build)`;
  if (!existsSync(CHROMIUM))
    return `${heading('Trace viewer')}\nskipped: ${CHROMIUM} is missing (apt-get install chromium)`;
  const spec = broadcastSpec(TARGET_EVENTS * 0.58, true);
  const trace = simulate({
    ...spec,
    network: { latency: { min: 1, max: 12 }, loss: 0.03, duplicate: 0.01 },
    faults: [
      { at: 2000, kind: 'crash', node: 'n2' },
      { at: 5000, kind: 'restart', node: 'n2' },
      { at: 8000, kind: 'partition', groups: [['n1', 'n2']] },
      { at: 12000, kind: 'heal' },
      { at: 15000, kind: 'pause', node: 'n4', ms: 1500 },
    ],
  }).trace!;
  const text = [...trace.toLines()].join('\n');
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/traceViewer.css"></head><body><script src="/traceViewer.js"></script></body></html>`;
  const server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (request.url === '/traceViewer.js')
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(bundle));
    else if (request.url === '/traceViewer.css')
      response.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(root, 'media/traceViewer.css')));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => document.querySelector('.tv') !== null);
    const opened = await tab.evaluate(openTrace, text);
    const interactions: Interaction[] = [];
    for (const name of ['pan zoomed in', 'zoom in and out', 'pan the whole run'] as const)
      interactions.push(await tab.evaluate(interact, { name, frames: FRAMES }));
    return report(opened, interactions, text.length);
  } finally {
    await browser.close();
    server.close();
  }
}

/** In the page: posts the trace and resolves when the first frame of the new diagram is drawn. */
function openTrace(text: string): Promise<Opened> {
  return new Promise((resolve) => {
    let started = 0;
    // Registered after the viewer's own listener, so the new diagram exists when this runs.
    window.addEventListener(
      'message',
      () => {
        const d = window.__diagram!;
        const stop = d.onDraw((stats) => {
          stop();
          resolve({ events: d.model.count, openMs: stats.at - started, firstDrawMs: stats.ms });
        });
      },
      { once: true },
    );
    started = performance.now();
    window.postMessage({ type: 'showTrace', traceText: text, title: 'bench' }, '*');
  });
}

/**
 * In the page: drives the diagram for `frames` animation frames, recording frame and draw times.
 * (A loop awaiting frames, not a named callback: tsx keeps function names through a helper that
 * does not exist inside the page.)
 */
async function interact(o: { name: string; frames: number }): Promise<Interaction> {
  const d = window.__diagram!;
  d.fit();
  if (o.name === 'pan zoomed in') d.zoom(40, d.model.endTime / 4);
  const intervals: number[] = [];
  const draws: number[] = [];
  const stop = d.onDraw((s) => draws.push(s.ms));
  let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  for (let frame = 0; frame < o.frames; frame++) {
    const span = d.view.end - d.view.start;
    if (o.name === 'zoom in and out') d.zoom(frame < o.frames / 2 ? 1.04 : 1 / 1.04, d.model.endTime / 2);
    else d.pan(span * (o.name === 'pan zoomed in' ? 0.01 : 0.003));
    const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    intervals.push(now - last);
    last = now;
  }
  stop();
  return { name: o.name, intervals, draws };
}

function report(opened: Opened, interactions: Interaction[], bytes: number): string {
  const p95 = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * 0.95)] ?? 0;
  const rows = interactions.map((i) => [
    i.name,
    ms(median(i.intervals)),
    ms(p95(i.intervals)),
    ms(Math.max(...i.intervals)),
    String(i.intervals.filter((x) => x > 25).length),
    ms(median(i.draws)),
    ms(p95(i.draws)),
    ms(Math.max(...i.draws)),
  ]);
  const worstPan = Math.max(...interactions.filter((i) => i.name.startsWith('pan')).map((i) => p95(i.intervals)));
  return [
    heading(
      `Trace viewer: a ${opened.events.toLocaleString('en-US')}-event trace (${(bytes / 1024 / 1024).toFixed(1)} MB of text) in headless chromium, 1400×820`,
    ),
    `open: showTrace posted -> first complete draw  ${ms(opened.openMs)}  (of which the first draw ${ms(opened.firstDrawMs)})`,
    `target: opens in < 1 s -> ${opened.openMs < 1000 ? 'met' : 'NOT met'}`,
    '',
    `${FRAMES} frames per interaction, driven from requestAnimationFrame; frame = interval between rAF timestamps, draw = the diagram's own draw time.`,
    formatTable(
      [
        'interaction',
        'frame median',
        'frame p95',
        'frame max',
        'frames > 25 ms',
        'draw median',
        'draw p95',
        'draw max',
      ],
      rows,
    ),
    `target: smooth scrolling (frame p95 <= 20 ms while panning) -> ${worstPan <= 20 ? 'met' : 'NOT met'}`,
  ].join('\n');
}
