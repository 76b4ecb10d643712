import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROKEN_RUNS_CONTEXT,
  COMMANDS,
  FAILURE_MESSAGE,
  PANELS,
  VIEWS,
  WALKTHROUGH_CONTEXT,
} from '../../src/extension/ids';
import { DEFAULT_UNIT_BUDGET_MS } from '../../src/runner';

interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string } };
  contributes: {
    commands: Array<{ command: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: { properties: Record<string, { default: unknown }> };
    walkthroughs: Array<{ steps: Array<{ id: string; completionEvents: string[] }> }>;
  };
}

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('extension: manifest', () => {
  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  });

  it('completes each walkthrough step on what the extension sets, however the student did the step', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
    const contexts = new Set<string>(Object.values(WALKTHROUGH_CONTEXT));
    const views = new Set(Object.values(manifest.contributes.views).flatMap((v) => v.map((x) => x.id)));
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, `step ${step.id} never completes`);
      for (const event of step.completionEvents) {
        const [kind, name = ''] = event.split(':');
        // onCommand misses a command the lesson page runs through the extension.
        assert.ok(
          (kind === 'onContext' && contexts.has(name)) || (kind === 'onView' && views.has(name)),
          `step ${step.id}: ${event} is neither a walkthrough context key nor a contributed view`,
        );
      }
    }
    assert.deepEqual(
      steps.map((s) => s.completionEvents.find((e) => e.startsWith('onContext:'))),
      [
        `onContext:${WALKTHROUGH_CONTEXT.lessonOpened}`,
        `onContext:${WALKTHROUGH_CONTEXT.exerciseStarted}`,
        `onContext:${WALKTHROUGH_CONTEXT.graded}`,
      ],
    );
  });

  it('sets every walkthrough context key somewhere in the extension', () => {
    const dir = join(ROOT, 'src', 'extension');
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const key of Object.keys(WALKTHROUGH_CONTEXT)) {
      assert.match(source, new RegExp(`'setContext', WALKTHROUGH_CONTEXT\\.${key}, true`), `nothing sets ${key}`);
    }
  });

  it('puts the course view in its own activity-bar container', () => {
    assert.deepEqual(
      manifest.contributes.viewsContainers.activitybar.map((c) => c.id),
      [VIEWS.container],
    );
    assert.deepEqual(
      manifest.contributes.views[VIEWS.container]?.map((v) => v.id),
      [VIEWS.course],
    );
  });

  it('offers Open Trace on failure messages, and on the items of fault schedules that broke their program', () => {
    for (const menu of ['testing/message/context', 'testing/message/content']) {
      assert.deepEqual(manifest.contributes.menus[menu], [
        { command: COMMANDS.openTrace, when: `testMessage == ${FAILURE_MESSAGE}` },
      ]);
    }
    assert.deepEqual(manifest.contributes.menus['testing/item/context'], [
      { command: COMMANDS.openTrace, when: `testId in ${BROKEN_RUNS_CONTEXT}`, group: 'inline' },
      { command: COMMANDS.openTrace, when: `testId in ${BROKEN_RUNS_CONTEXT}` },
    ]);
  });

  it('activates to restore lesson panels, and supports restricted mode in part', () => {
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${PANELS.lesson}`));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('declares the settings with the runner defaults', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(
      properties['distsys.seedsPerScenario']?.default,
      null,
      'each scenario runs its own count unless the student sets one',
    );
    assert.equal(properties['distsys.timeBudgetMs']?.default, DEFAULT_UNIT_BUDGET_MS);
    assert.equal(properties['distsys.lessonLanguage']?.default, 'auto');
  });
});
