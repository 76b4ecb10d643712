import type * as EsbuildWasm from 'esbuild-wasm';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Sucrase from 'sucrase';
import { exercises } from '../lessons/catalog';
import { referenceSource, repoRoot } from './repo';
import { median } from './table';

export type Transpiler = 'sucrase' | 'esbuild-wasm';

export interface TranspilerTiming {
  /** Loading the package, and for esbuild-wasm compiling its WebAssembly, in a fresh process. */
  initMs: number;
  /** Per reference solution: the first transform, then the median of the next ones. */
  files: Array<{ exercise: string; firstMs: number; medianMs: number }>;
}

const REPEATS = 20;

/** Times one transpiler on the reference solutions; run in a process of its own so "cold" is cold. */
export async function probeTranspiler(name: Transpiler): Promise<TranspilerTiming> {
  const load = createRequire(join(repoRoot, 'package.json'));
  const start = performance.now();
  let transform: (source: string) => unknown;
  if (name === 'sucrase') {
    const sucrase = load('sucrase') as typeof Sucrase;
    transform = (source) =>
      sucrase.transform(source, { transforms: ['typescript', 'imports'], filePath: 'reference.ts' });
  } else {
    const esbuild = load('esbuild-wasm') as typeof EsbuildWasm;
    await esbuild.initialize({});
    transform = (source) => esbuild.transform(source, { loader: 'ts', format: 'cjs', sourcefile: 'reference.ts' });
  }
  const initMs = performance.now() - start;
  const files: TranspilerTiming['files'] = [];
  for (const exercise of exercises) {
    const reference = referenceSource(exercise.id);
    if (!reference) continue;
    const times: number[] = [];
    for (let i = 0; i <= REPEATS; i++) {
      const t = performance.now();
      await transform(reference.source);
      times.push(performance.now() - t);
    }
    const [firstMs, ...rest] = times as [number, ...number[]];
    files.push({ exercise: exercise.id, firstMs, medianMs: median(rest) });
  }
  return { initMs, files };
}

/** Disk usage (allocated blocks, as du counts them) of a package and its runtime dependencies. */
export function packageFootprint(name: string): { packages: string[]; bytes: number } {
  const seen = new Map<string, string>();
  const visit = (pkg: string, from: string): void => {
    const dir = [join(from, 'node_modules', pkg), join(repoRoot, 'node_modules', pkg)].find((d) =>
      exists(join(d, 'package.json')),
    );
    if (!dir || seen.has(dir)) return;
    seen.set(dir, pkg);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
  };
  visit(name, repoRoot);
  let bytes = 0;
  for (const dir of seen.keys()) bytes += diskUsage(dir);
  return { packages: [...seen.values()], bytes };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function diskUsage(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // A package's own node_modules holds its dependencies, which are counted as packages.
    if (entry.isDirectory() && entry.name !== 'node_modules') bytes += diskUsage(path);
    else if (entry.isFile()) bytes += statSync(path).blocks * 512;
  }
  return bytes;
}
