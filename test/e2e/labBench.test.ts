import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame } from 'playwright-core';
import type { MessagePath } from '../../src/webview/diagram';
import { applyPatch } from '../exercises/applyPatch';
import { frameWith, runCommand, screenshot, showTesting, until } from './workbench';
import { useWorkbench } from './useWorkbench';

const REFERENCE = resolve(__dirname, '../exercises/raft-election/reference.ts');
const DOUBLE_VOTE = resolve(__dirname, '../exercises/raft-election/buggy/double-vote.patch');
const STUDENT_FILE = 'distsys/raft-election/starter.ts';
const SAVED = 'distsys/raft-election/scenarios/crash-the-leader.json';

/** Takes one choice of step mode and waits for the bench to count it. */
async function take(bench: Frame, kind: string, text: string): Promise<void> {
  const status = bench.locator('.bench-step .bench-status');
  const before = (await status.textContent()) ?? '';
  await bench.locator(`.bench-choice-${kind}`, { hasText: text }).first().click();
  await bench.waitForFunction(
    (old) => document.querySelector('.bench-step .bench-status')?.textContent !== old,
    before,
  );
}

/** The trace index of the first RequestVote `from` sent `to`, as the bench's diagram has it. */
async function requestVote(bench: Frame, from: string, to: string): Promise<number> {
  const handle = await bench.waitForFunction(
    ([from, to]) => {
      const trace = window.__diagram?.model.trace;
      for (let i = 0; trace && i < trace.length; i++) {
        const e = trace.event(i);
        if (e.kind === 'send' && e.node === from && e.peer === to && e.data?.type === 'RequestVote') return i;
      }
      return false;
    },
    [from, to],
  );
  return (await handle.jsonValue()) as number;
}

/** Waits until the message sent at `send` is drawn once and marked, and says where and how. */
async function drawnMarked(bench: Frame, send: number): Promise<MessagePath> {
  const handle = await bench.waitForFunction((send) => {
    const paths = window.__diagram?.messagePath(send) ?? [];
    return paths.length === 1 && paths[0]!.marked ? paths[0] : false;
  }, send);
  return (await handle.jsonValue()) as MessagePath;
}

/** What a node's card says its role is. */
async function role(bench: Frame, node: string): Promise<string | undefined> {
  const card = (await bench.locator(`.bench-card[data-node="${node}"]`).textContent()) ?? '';
  return /role (leader|candidate|follower)/.exec(card)?.[1];
}

/** The running nodes whose card says they lead. */
async function leaders(frame: Frame): Promise<string[]> {
  return frame
    .locator('.bench-card:not(.bench-down)')
    .evaluateAll((cards) =>
      cards.filter((c) => /role leader/.test(c.textContent ?? '')).map((c) => c.getAttribute('data-node') ?? ''),
    );
}

describe('the lab bench in code-server, as a student uses it', function () {
  const workbench = useWorkbench();
  let bench: Frame;

  it('opens the bench on the student’s file from the lens above it', async function () {
    await workbench.page.locator('.activitybar [aria-label^="Distributed Systems"]').first().click();
    await workbench.page.locator('.monaco-list-row[aria-label^="raft-election"]').first().click();
    await until(workbench.page, 'the student file', () => existsSync(join(workbench.workspace, STUDENT_FILE)));
    copyFileSync(REFERENCE, join(workbench.workspace, STUDENT_FILE));
    await workbench.page.locator('.tab', { hasText: 'starter.ts' }).first().click();
    await runCommand(workbench.page, 'File: Revert File');
    await workbench.page
      .locator('.monaco-editor .view-lines', { hasText: 'class Raft implements RaftNode' })
      .first()
      .waitFor();
    await workbench.page.locator('.codelens-decoration a', { hasText: 'Lab bench' }).first().click();
    bench = await frameWith(workbench.page, '.bench-card');
    assert.equal(await bench.locator('.bench-card').count(), 3);
  });

  it('crashes the leader by a click, and the others elect a new one', async function () {
    await bench.locator('.bench-speed').selectOption('2');
    await bench.waitForFunction(
      () => Array.from(document.querySelectorAll('.bench-card')).some((c) => /role leader/.test(c.textContent ?? '')),
      undefined,
      { timeout: 60_000 },
    );
    const [leader] = await leaders(bench);
    assert.ok(leader);
    await bench.locator(`.bench-card[data-node="${leader}"] button`, { hasText: 'Crash' }).click();
    await bench.waitForFunction(
      (old) =>
        Array.from(document.querySelectorAll('.bench-card:not(.bench-down)')).some(
          (c) => c.getAttribute('data-node') !== old && /role leader/.test(c.textContent ?? ''),
        ),
      leader,
      { timeout: 60_000 },
    );
    assert.ok(await bench.locator(`.bench-card.bench-down[data-node="${leader}"]`).isVisible());
    await screenshot(workbench.page, 'bench-01-new-leader');
  });

  it('draws a partition by picking groups on the node cards', async function () {
    const cards = bench.locator('.bench-card');
    await cards.nth(0).locator('.bench-group').click();
    await cards.nth(1).locator('.bench-group').click();
    await cards.nth(1).locator('.bench-group').click();
    await bench.locator('.bench-partition').click();
    await bench.locator('.bench-schedule-box summary').click();
    await bench.locator('.bench-schedule li', { hasText: 'partition {n1} | {n2}' }).waitFor();
    await workbench.page.waitForTimeout(1500);
    await screenshot(workbench.page, 'bench-02-partition');
  });

  it('saves the run as a scenario, which the Testing view lists and grades', async function () {
    await bench.locator('.bench-save').click();
    const input = workbench.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('crash-the-leader');
    await workbench.page.keyboard.press('Enter');
    const file = join(workbench.workspace, SAVED);
    await until(workbench.page, 'the saved scenario', () => existsSync(file));
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { faults: Array<{ kind: string }> };
    assert.deepEqual(
      saved.faults.map((f) => f.kind),
      ['crash', 'partition'],
    );
    await bench.locator('.bench-banner', { hasText: 'crash-the-leader.json' }).waitFor();
    await showTesting(workbench.page);
    const exercise = workbench.page
      .locator('.test-explorer .monaco-list-row[aria-level="1"]', { hasText: 'raft-election' })
      .first();
    await exercise.waitFor();
    if ((await exercise.getAttribute('aria-expanded')) !== 'true') await exercise.locator('.monaco-tl-twistie').click();
    const row = workbench.page.locator('.test-explorer .monaco-list-row[aria-level="2"]', {
      hasText: 'crash-the-leader',
    });
    await row.first().waitFor();
    await row.first().hover();
    await row.first().locator('.action-label[aria-label^="Run Test"]').click();
    // The reference, graded at its own seed under the faults struck by hand by the checkers that hold under any schedule.
    await workbench.page
      .locator('.test-explorer .monaco-list-row[aria-level="2"]:has(.codicon-testing-passed-icon)', {
        hasText: 'crash-the-leader',
      })
      .waitFor({ timeout: 60_000 });
    await screenshot(workbench.page, 'bench-03-saved-scenario-graded');
  });

  it('splits a vote in step mode: two candidates, the third node’s grant lost', async function () {
    await bench.locator('.bench-restart').click();
    await bench.locator('.bench-step-toggle').click();
    await bench.locator('.bench-choice-timer').first().waitFor();
    await take(bench, 'timer', 'election at n1');
    await take(bench, 'timer', 'election at n2');
    // n1's RequestVote to n3 is on the wire: drawn in flight, marked while its choice is pointed at…
    await bench.locator('.bench-choice-deliver', { hasText: 'RequestVote n1 → n3' }).hover();
    const send = await requestVote(bench, 'n1', 'n3');
    const flying = await drawnMarked(bench, send);
    assert.equal(flying.fate, 'in flight');
    // …and pointing at the line outlines its choices.
    await bench.locator('.bench-diagram').scrollIntoViewIfNeeded();
    const canvas = await bench.locator('.ds-canvas').boundingBox();
    assert.ok(canvas);
    // Another message's label may lie over part of the line (labels are hit first): try points along it.
    const linked = bench.locator('.bench-choice-linked', { hasText: 'deliver RequestVote n1 → n3' });
    for (const along of [0.5, 0.35, 0.65, 0.25, 0.8]) {
      await workbench.page.mouse.move(
        canvas.x + flying.from.x + (flying.to.x - flying.from.x) * along,
        canvas.y + flying.from.y + (flying.to.y - flying.from.y) * along,
      );
      if (
        await linked.waitFor({ state: 'attached', timeout: 2_000 }).then(
          () => true,
          () => false,
        )
      )
        break;
    }
    await linked.waitFor({ state: 'attached' });
    assert.equal((await drawnMarked(bench, send)).fate, 'in flight');
    assert.deepEqual(await bench.locator('.bench-choice-linked').allTextContents(), [
      'deliver RequestVote n1 → n3 (term 1, candidateId n1)',
      'drop RequestVote n1 → n3',
      'duplicate RequestVote n1 → n3',
    ]);
    await screenshot(workbench.page, 'bench-04-in-flight');
    // n3 hears n1 first and grants it; n2 then asks too late, and each candidate refuses the other.
    await take(bench, 'deliver', 'RequestVote n1 → n3');
    await take(bench, 'deliver', 'RequestVote n2 → n3');
    await take(bench, 'deliver', 'RequestVote n1 → n2');
    await take(bench, 'deliver', 'RequestVote n2 → n1');
    // The replies arrive, but for n3's grant to n1, which is lost: neither gets a majority.
    await take(bench, 'drop', 'RequestVoteReply n3 → n1');
    for (const reply of ['n3 → n2', 'n2 → n1', 'n1 → n2']) await take(bench, 'deliver', `RequestVoteReply ${reply}`);
    assert.equal(await role(bench, 'n1'), 'candidate');
    assert.equal(await role(bench, 'n2'), 'candidate');
    assert.equal(await role(bench, 'n3'), 'follower');
    assert.match((await bench.locator('.bench-budget').textContent()) ?? '', /4 drops/);
    await screenshot(workbench.page, 'bench-04-split-vote');
    await bench.locator('.bench-step-toggle').click();
    await bench.locator('.bench-step').waitFor({ state: 'hidden' });
  });

  it('explores a file that votes twice and opens the violation in step mode', async function () {
    const buggy = applyPatch(readFileSync(REFERENCE, 'utf8'), readFileSync(DOUBLE_VOTE, 'utf8'));
    writeFileSync(join(workbench.workspace, STUDENT_FILE), buggy);
    await workbench.page.locator('.tab', { hasText: 'starter.ts' }).first().click();
    await runCommand(workbench.page, 'File: Revert File');
    await workbench.page
      .locator('.monaco-editor .view-lines', { hasText: 'Mistake: a voter grants' })
      .first()
      .waitFor();
    // The bench reloads the file on its change: the search must run on the new text.
    await workbench.page.waitForTimeout(1500);
    await bench.locator('.bench-explore').click();
    await bench.locator('.bench-banner', { hasText: 'Violated:' }).waitFor({ timeout: 90_000 });
    await bench.locator('.bench-step').waitFor({ state: 'visible' });
    assert.equal(await bench.locator('.bench-choice').count(), 0, 'nothing to choose past the violation');
    assert.match((await bench.locator('.bench-step').textContent()) ?? '', /safety rule is broken at this step/);
    await screenshot(workbench.page, 'bench-05-explore-violation');
  });
});
