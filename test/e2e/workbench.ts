/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Test } from 'mocha';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../browser/chromium';

const SHOTS = resolve(__dirname, '../../test-results/e2e');

/** User settings that keep the workbench to what the checks look at: no welcome page, no chat. */
export const QUIET_WORKBENCH = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
};

/** Waits for the workbench to load the page at `url` in a fresh chromium. */
export async function openWorkbench(url: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 90_000 });
  return { browser, page };
}

/** Keeps what the user sees after a check as `test-results/e2e/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Keeps what the screen showed when a check failed, named for the check. */
export async function screenshotOnFailure(page: Page | undefined, test: Test | undefined): Promise<void> {
  if (page === undefined || test?.state !== 'failed') return;
  await screenshot(page, `failed-${test.title.replace(/[^\w]+/g, '-').slice(0, 60)}`);
}

/**
 * Runs a command from the command palette by its title, as typed after F1, and waits for the
 * palette to close — unless the command opens a picker of its own (`opensPicker`): then it waits
 * for that picker's placeholder.
 */
export async function runCommand(page: Page, title: string, opensPicker?: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  if (opensPicker === undefined) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  else await page.locator(`.quick-input-widget input[placeholder*="${opensPicker}"]`).waitFor();
}

/** The webview frame (webviews nest iframes) that holds an element matching `selector`. */
export async function frameWith(page: Page, selector: string, timeout = 60_000): Promise<Frame> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const count = await frame
        .locator(selector)
        .count()
        .catch(() => 0);
      if (count > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame holds ${selector}`);
}

/**
 * Waits until the canvas matching `selector` in `frame` has drawn: enough pixels differ from its
 * top-left corner (its background) in more than two colours. Returns how many pixels differ.
 */
export async function waitForInk(frame: Frame, selector: string, minPixels = 500, timeout = 60_000): Promise<number> {
  const handle = await frame.waitForFunction(
    ({ selector, minPixels }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(selector);
      const context = canvas?.getContext('2d');
      if (!canvas || !context || canvas.width === 0 || canvas.height === 0) return false;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        const differs =
          data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3];
        if (!differs) continue;
        inked++;
        if (colours.size < 16)
          colours.add(
            ((data[i] as number) << 24) |
              ((data[i + 1] as number) << 16) |
              ((data[i + 2] as number) << 8) |
              (data[i + 3] as number),
          );
      }
      return inked >= minPixels && colours.size > 2 ? inked : false;
    },
    { selector, minPixels },
    { timeout, polling: 250 },
  );
  return (await handle.jsonValue()) as number;
}

/** Polls a condition of the file system or the page until it holds. */
export async function until(
  page: Page,
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeout = 60_000,
): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Brings up the Testing view. Its activity icon toggles: a click just as a command opened the view
 * hides the side bar again, so look and click until the view stays up.
 */
export async function showTesting(page: Page): Promise<void> {
  const explorer = page.locator('.test-explorer');
  for (let attempt = 0; attempt < 4 && !(await explorer.isVisible()); attempt++) {
    await page.locator('.activitybar [aria-label^="Testing"], .activitybar [aria-label^="测试"]').first().click();
    await explorer.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await explorer.waitFor();
}
