import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors';

const CHUNK = 1 << 16;

/** Writes lines to a file in chunks, so a long trace never sits in memory as one string. */
export function writeLines(cwd: string, file: string, lines: Iterable<string>): void {
  const fd = openForWriting(cwd, file);
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line + '\n';
      if (chunk.length >= CHUNK) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

export function writeText(cwd: string, file: string, text: string): void {
  const fd = openForWriting(cwd, file);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function openForWriting(cwd: string, file: string): number {
  try {
    return openSync(resolve(cwd, file), 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`cannot write ${file}: ${why}`);
  }
}
