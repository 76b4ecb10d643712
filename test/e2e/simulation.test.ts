import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { playerStrings } from '../../src/webview/diagram/strings';
import { frameWith, screenshot, until, waitForInk } from './workbench';
import { useWorkbench } from './useWorkbench';

/** The most steps through the first simulation's run before its first transaction has committed everywhere. */
const MAX_STEPS = 80;

/** Each lane of a simulation with the state the diagram gives it at the cursor: "n2 prepared · tx t1-em". */
async function laneStates(sim: Locator): Promise<string[]> {
  return sim
    .locator('.ds-lanes li')
    .evaluateAll((items) => items.map((li) => `${li.textContent ?? ''} ${li.getAttribute('aria-description') ?? ''}`));
}

describe("a lesson simulation's lanes in code-server: two-phase commit", function () {
  const workbench = useWorkbench();
  let frame: Frame;

  it('opens the two-phase commit lesson and draws its first simulation', async function () {
    await workbench.page.locator('.activitybar [aria-label^="Distributed Systems"]').first().click();
    await workbench.page.locator('.monaco-list-row', { hasText: 'Two-phase commit' }).first().click();
    frame = await frameWith(workbench.page, 'figure.sim .sim-mounted canvas');
    await frame.locator('figure.sim').first().scrollIntoViewIfNeeded();
    assert.ok((await waitForInk(frame, 'figure.sim .sim-mounted canvas.ds-canvas')) > 0);
  });

  it("steps through the run: each participant's lane says it prepared, then committed", async function () {
    this.timeout(120_000);
    const sim = frame.locator('figure.sim').first();
    const next = sim.locator('.ds-controls').getByRole('button', { name: playerStrings.en.next });
    const participants = ['n2', 'n3', 'n4'];
    const seen = new Set<string>();
    for (let step = 0; step < MAX_STEPS; step++) {
      await next.click();
      const states = await laneStates(sim);
      for (const p of participants) {
        const state = states.find((s) => s.startsWith(`${p} `)) ?? '';
        if (/ prepared · tx t1-/.test(state)) seen.add(`${p} prepared`);
        if (/ committed · tx t1-/.test(state)) seen.add(`${p} committed`);
      }
      if (seen.has('n2 prepared') && !seen.has('n2 committed') && !seen.has('shot')) {
        seen.add('shot');
        await screenshot(workbench.page, '09-2pc-simulation-prepared');
      }
      if (participants.every((p) => seen.has(`${p} committed`))) break;
    }
    for (const p of participants) {
      assert.ok(seen.has(`${p} prepared`), `${p} was never shown prepared: ${[...seen].join(', ')}`);
      assert.ok(seen.has(`${p} committed`), `${p} was never shown committed: ${[...seen].join(', ')}`);
    }
    // The canvas says it too: under each lane's name, the state at the cursor.
    await until(workbench.page, 'the coordinator committed', async () =>
      (await laneStates(sim)).some((s) => /^n1 committed · tx t1-/.test(s)),
    );
    await sim.scrollIntoViewIfNeeded();
    await screenshot(workbench.page, '10-2pc-simulation-committed');
  });
});
