import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { version } from '../../package.json';
import { runCli } from './cli';
import { EXIT } from './errors';
import { environmentLanguage } from './language';

// Bundled as dist/cli.js: the worker bundle sits beside it and the lessons one folder up.
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());

// `distsys … | head`: the reader has what it wanted and closed the pipe. Nobody is left to read
// anything more, so end at once and quietly rather than with Node's EPIPE stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(EXIT.passed);
});

void runCli(process.argv.slice(2), {
  exercises,
  lessonsDir: join(__dirname, '..', 'lessons'),
  cwd: process.cwd(),
  runner: { workerFile: join(__dirname, 'worker.js') },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
  language: environmentLanguage(process.env),
  version,
  signal: interrupt.signal,
}).then((code) => {
  process.exitCode = code;
});
