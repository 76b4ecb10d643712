// Packages the extension as a .vsix with vsce (the bundles in dist/ hold every dependency, so
// node_modules stays out) and prints the package's size. Run through `npm run package`, after the build.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = `${name}-${version}.vsix`;
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', vsix], {
  stdio: 'inherit',
});
const bytes = statSync(vsix).size;
console.log(`${vsix}: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
