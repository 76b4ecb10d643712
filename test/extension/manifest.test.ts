import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, FAILURE_MESSAGE, PANELS, VIEWS } from '../../src/extension/ids';
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
  };
}

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('extension: manifest', () => {
  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
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

  it('offers Open Trace on failure messages only', () => {
    for (const menu of ['testing/message/context', 'testing/message/content']) {
      assert.deepEqual(manifest.contributes.menus[menu], [
        { command: COMMANDS.openTrace, when: `testMessage == ${FAILURE_MESSAGE}` },
      ]);
    }
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
