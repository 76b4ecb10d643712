import type { Page } from 'playwright-core';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { QUIET_WORKBENCH, openWorkbench, screenshotOnFailure } from './workbench';

/** The workbench a describe block's tests drive: its page, and the folder it has open. */
export interface Workbench {
  readonly page: Page;
  /** The workspace folder code-server opened, empty at start. */
  readonly workspace: string;
}

/**
 * Hooks for the calling describe block: before its tests, a code-server with the packaged
 * extension (user settings: the quiet workbench and `options.settings`) and a Chromium on it;
 * after a failing test, a screenshot named for it; after them all, both stopped.
 */
export function useWorkbench(options: CodeServerOptions = {}): Workbench {
  let server: CodeServer | undefined;
  let opened: Awaited<ReturnType<typeof openWorkbench>> | undefined;

  before(async function () {
    this.timeout(180_000);
    server = await startCodeServer({ ...options, settings: { ...QUIET_WORKBENCH, ...options.settings } });
    opened = await openWorkbench(server.url);
  });

  afterEach(async function () {
    await screenshotOnFailure(opened?.page, this.currentTest);
  });

  after(async function () {
    await opened?.browser.close();
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the workbench is not up: use it in a test of the describe block');
    return value;
  };
  return {
    get page() {
      return started(opened).page;
    },
    get workspace() {
      return started(server).workspace;
    },
  };
}
