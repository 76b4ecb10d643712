import Mocha from 'mocha';
import { defineChecks } from './checks';

/** The entry VS Code calls in its extension host: runs the checks with mocha's BDD interface. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  defineChecks();
  return new Promise((resolve, reject) =>
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host checks failed`)) : resolve())),
  );
}
