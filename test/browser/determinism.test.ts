import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { servePage } from './bundleServer';
import { launchChromium } from './chromium';
import type { DeterminismResult } from './determinism.entry';
import { determinismRuns } from './determinismRuns';
import { readBundle, readReferences } from './nodeReferences';

describe('determinism in a real browser', () => {
  let browser: Browser | undefined;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('gives the same trace hashes in chromium as in Node for the gossip runs and the reference solutions', async () => {
    const server = await servePage(readBundle());
    try {
      const page = await (browser as Browser).newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
      await page.goto(server.url);
      await page.waitForFunction(
        () =>
          (globalThis as { distsysDeterminism?: unknown }).distsysDeterminism !== undefined ||
          document.readyState === 'complete',
      );
      const result = await page.evaluate(
        () => (globalThis as { distsysDeterminism?: DeterminismResult }).distsysDeterminism,
      );
      assert.deepEqual(pageErrors, [], 'the page threw');
      assert.ok(result, 'the bundle left no result on window');
      if ('error' in result) assert.fail(`the bundle failed in chromium:\n${result.error}`);
      assert.deepEqual(result.runs, determinismRuns(readReferences()));
    } finally {
      await server.close();
    }
  });
});
