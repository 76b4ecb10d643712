import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { webviewHtml } from '../../src/extension/core/webviewHtml';
import { launchChromium } from './chromium';

const root = join(__dirname, '../..');
export const results = join(root, 'test-results');

/** A webview as the extension serves it: its bundle in dist/webview, its stylesheet in media. */
export interface Webview {
  title: string;
  /** `dist/webview/<name>.js` and `media/<name>.css`. */
  name: string;
  /** The page runs the student's code (the lab bench): its policy allows the worker. */
  runsStudentCode?: boolean;
}

/**
 * Serves the real webview page under its content security policy (one nonce'd script, one
 * stylesheet) from loopback; "/?lang=zh-cn" serves it in Chinese, as VS Code does in a Chinese UI.
 */
async function serveWebview(webview: Webview): Promise<{ url: string; close: () => Promise<void> }> {
  let origin = '';
  const script = `/${webview.name}.js`;
  const style = `/${webview.name}.css`;
  const server: Server = createServer((request, response) => {
    const lang = request.url === '/?lang=zh-cn' ? 'zh-cn' : 'en';
    if (request.url === '/' || request.url === '/?lang=zh-cn')
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        webviewHtml({
          title: webview.title,
          lang,
          cspSource: origin,
          nonce: 'test-nonce-0123456789',
          script: origin + script,
          style: origin + style,
          ...(webview.runsStudentCode ? { runsStudentCode: true } : {}),
        }),
      );
    else if (request.url === script)
      response
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
        .end(readFileSync(join(root, 'dist/webview', `${webview.name}.js`)));
    else if (request.url === style)
      response
        .writeHead(200, { 'content-type': 'text/css; charset=utf-8' })
        .end(readFileSync(join(root, 'media', `${webview.name}.css`)));
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

/** How a page is opened: what follows the page's address ("?lang=zh-cn"), its window and screen. */
export interface PageOptions {
  path?: string;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  colorScheme?: 'light' | 'dark';
}

export interface WebviewPages {
  /** The page the test has open. */
  readonly page: Page;
  /** Console errors and uncaught exceptions since the test began (a CSP violation is a console error). */
  readonly problems: string[];
  /** Closes the page and opens a fresh one with these options instead of the suite's. */
  open(options?: PageOptions): Promise<Page>;
}

/**
 * Hooks for the calling describe block: Chromium and the webview's server before its tests; each
 * test a fresh page with `defaults`, on which `init` runs before the page's own script and, if
 * given, `ready` is awaited; a screenshot of a failing test; everything closed after.
 */
export function useWebviewPages(
  webview: Webview,
  setup: { defaults: PageOptions; init: () => void; ready?: (page: Page) => Promise<void> },
): WebviewPages {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveWebview>> | undefined;
  let page: Page | undefined;
  const problems: string[] = [];

  const open = async (options: PageOptions = setup.defaults): Promise<Page> => {
    await page?.close();
    const { path = '', ...context } = options;
    const fresh = await (browser as Browser).newPage(context);
    page = fresh;
    fresh.on('pageerror', (e) => problems.push(e.message));
    fresh.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await fresh.addInitScript(setup.init);
    await fresh.goto((server as { url: string }).url + path);
    await setup.ready?.(fresh);
    return fresh;
  };

  before(async () => {
    const bundle = join(root, 'dist/webview', `${webview.name}.js`);
    if (!existsSync(bundle))
      throw new Error(`${bundle} is missing: run npm run build (npm run test:browser builds first)`);
    mkdirSync(results, { recursive: true });
    browser = await launchChromium();
    server = await serveWebview(webview);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    problems.length = 0;
    await open();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && page)
      await page.screenshot({ path: join(results, `${webview.name}-failed-${test.title.slice(0, 40)}.png`) });
    await page?.close();
    page = undefined;
  });

  return {
    get page() {
      if (page === undefined) throw new Error('no page is open: use it in a test of the describe block');
      return page;
    },
    problems,
    open,
  };
}
