import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { hostGlobals, layerOf, type LayerRule } from './layers';
import { globalsUsedIn, importsOf } from './sourceFacts';

export interface Violation {
  file: string;
  line: number;
  /** The import or global at fault. */
  found: string;
  rule: string;
}

const builtins = new Set(builtinModules);

/** What an import specifier points at, from a file at `repoPath`. */
type Target =
  | { kind: 'vscode' }
  | { kind: 'node'; name: string }
  | { kind: 'package'; name: string }
  | { kind: 'file'; path: string; rule: LayerRule | undefined };

function resolveTarget(repoPath: string, specifier: string): Target {
  if (specifier === 'vscode') return { kind: 'vscode' };
  // "distsys" and "distsys/…" are the modules students import types from: "distsys" is lessons/api.ts,
  // "distsys/lessons/…" a lesson file, and "distsys/<exercise>" is declared in its lesson's module.ts.
  if (specifier === 'distsys') return { kind: 'file', path: 'lessons/api.ts', rule: layerOf('lessons/api.ts') };
  if (specifier.startsWith('distsys/lessons/'))
    return { kind: 'file', path: specifier.slice('distsys/'.length), rule: layerOf('lessons/') };
  if (specifier.startsWith('distsys/')) return { kind: 'file', path: 'lessons/', rule: layerOf('lessons/') };
  if (specifier.startsWith('.')) {
    const path = posix.normalize(posix.join(posix.dirname(repoPath), specifier));
    return { kind: 'file', path, rule: layerOf(path) ?? layerOf(`${path}/`) };
  }
  if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0] as string))
    return { kind: 'node', name: specifier };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string) };
}

/** The violations in one file of a layer (files outside every layer have no rules). */
export function checkFile(repoPath: string, text: string): Violation[] {
  const rule = layerOf(repoPath);
  if (!rule) return [];
  const violations: Violation[] = [];
  const add = (line: number, found: string, why: string): void => {
    violations.push({ file: repoPath, line, found, rule: `${rule.layer}: ${why}` });
  };
  for (const { name, line } of importsOf(repoPath, text)) {
    const target = resolveTarget(repoPath, name);
    switch (target.kind) {
      case 'vscode':
        if (!rule.vscode) add(line, `import '${name}'`, rule.why);
        break;
      case 'node':
        if (!rule.nodeBuiltins) add(line, `import '${name}' (a Node builtin)`, rule.why);
        break;
      case 'package':
        if (rule.packages !== 'any' && !rule.packages.includes(target.name))
          add(line, `import '${name}' (an npm package)`, rule.why);
        break;
      case 'file':
        if (target.path === 'package.json' && !rule.pure) break; // the manifest: name and version
        if (!target.rule)
          add(
            line,
            `import '${name}' (${target.path}, outside src/ and lessons/)`,
            'source code imports only source code, never tests, benches or scripts',
          );
        else if (!rule.may.includes(target.rule.layer))
          add(line, `import '${name}' (the ${target.rule.layer})`, rule.why);
        break;
    }
  }
  if (rule.pure) {
    for (const { name, line } of globalsUsedIn(repoPath, text, hostGlobals)) {
      add(
        line,
        `uses the global '${name}'`,
        `${rule.why}; it runs in a browser and in Node alike, so it uses no host globals (process, Buffer, __dirname, window, document, self, navigator…)`,
      );
    }
  }
  return violations;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} ${v.found} -- breaks "${v.rule}"`;
}
