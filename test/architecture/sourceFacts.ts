import ts from 'typescript';

export interface Reference {
  /** What is imported, or the global that is used. */
  name: string;
  /** 1-based. */
  line: number;
}

/**
 * Every module a file imports: `import … from`, `export … from`, `import('…')`, `require('…')`,
 * type-only imports included. TypeScript's own pre-processor reads them, so text in comments and
 * strings that merely looks like an import is not mistaken for one.
 */
export function importsOf(fileName: string, text: string): Reference[] {
  const info = ts.preProcessFile(text, true, true);
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false);
  return info.importedFiles.map((f) => ({
    name: f.fileName,
    line: source.getLineAndCharacterOfPosition(f.pos).line + 1,
  }));
}

/**
 * Uses of the given globals as values: not property names (`x.process`), and not names the file
 * declares itself (a local `module` is not Node's).
 */
export function globalsUsedIn(fileName: string, text: string, names: readonly string[]): Reference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const declared = new Set<string>();
  const references: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (isDeclarationName(node)) declared.add(node.text);
      else if (isValueReference(node)) references.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const wanted = new Set(names.filter((n) => !declared.has(n)));
  return references
    .filter((id) => wanted.has(id.text))
    .map((id) => ({ name: id.text, line: source.getLineAndCharacterOfPosition(id.getStart(source)).line + 1 }));
}

function isDeclarationName(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (
    ((ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isBindingElement(parent)) &&
      parent.name === id) ||
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent)
  );
}

function isValueReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  const named = parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node };
  if (named.name === id || named.propertyName === id) {
    // `{ process }` in an object literal reads the variable; every other named node declares one.
    return ts.isShorthandPropertyAssignment(parent);
  }
  return true;
}
