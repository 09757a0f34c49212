import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The faces (src/cli, src/vscode) show what the use cases of src/app return; they never sign in, mask
 * secrets, ask the org or run a job themselves. Otherwise one face forgets a redaction or a blocking
 * code the other applies. The layering rules work on modules, so this looks at the names imported.
 */

const SRC = path.resolve(__dirname, '..', '..', 'src');

/** Names only a use case may call, by the module that offers them. */
const USE_CASE_ONLY: Record<string, readonly string[]> = {
  salesforce: ['connect', 'authorize', 'redactSecrets', 'checkJobOnline', 'refreshDescribeCache', 'fetchSample', 'writeSampleFile', 'testConnection', 'connectionStatuses'],
  runner: ['runJob', 'liveSource', 'previewJob', 'decideDue'],
  store: ['writeSampleFile'],
};

interface ImportedName {
  file: string;
  module: string;
  name: string;
}

/** Every name a source file imports (type-only imports too: they would name what the face should not hold). */
function importedNames(file: string, text: string): ImportedName[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names: ImportedName[] = [];
  const add = (module: string, name: string): void => void names.push({ file, module, name });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = node.moduleSpecifier.text;
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) add(module, (element.propertyName ?? element.name).text);
      if (bindings && ts.isNamespaceImport(bindings)) add(module, '*');
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = node.moduleSpecifier.text;
      if (!node.exportClause) add(module, '*');
      else if (ts.isNamedExports(node.exportClause)) for (const element of node.exportClause.elements) add(module, (element.propertyName ?? element.name).text);
    }
    // import('../salesforce').then((m) => m.connect) reaches the same code as a static import.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) add(node.arguments[0].text, '*');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The top-level folder of src an import points into, or undefined for a package or a file outside src. */
function layerOf(file: string, module: string): string | undefined {
  if (!module.startsWith('.')) return undefined;
  const relative = path.relative(SRC, path.resolve(path.dirname(file), module));
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

/** The imports of `files` that reach a use-case-only name. */
function forbiddenImports(files: readonly { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    for (const imported of importedNames(file, text)) {
      const layer = layerOf(file, imported.module);
      const banned = layer ? USE_CASE_ONLY[layer] : undefined;
      if (!banned) continue;
      if (imported.name === '*' || banned.includes(imported.name)) found.push(`${path.relative(SRC, file)}: ${imported.name} from ${imported.module}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): { file: string; text: string }[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

describe('the faces call use cases for everything that reaches an org', () => {
  it('no module of src/cli or src/vscode imports a sign-in, a redaction, an online check or a run step', () => {
    const faces = [...sourceFiles(path.join(SRC, 'cli')), ...sourceFiles(path.join(SRC, 'vscode'))];
    assert.ok(faces.length > 50, `only ${faces.length} files found under src/cli and src/vscode`);
    assert.deepEqual(forbiddenImports(faces), []);
  });

  it('finds such an import however it is written: renamed, type-only, re-exported, namespaced or loaded later', () => {
    const face = (name: string, text: string) => ({ file: path.join(SRC, 'vscode', 'online', name), text });
    const found = forbiddenImports([
      face('a.ts', "import { connect as signIn } from '../../salesforce';\n"),
      face('b.ts', "import type { redactSecrets } from '../../salesforce/index';\n"),
      face('c.ts', "export { checkJobOnline } from '../../salesforce';\n"),
      face('d.ts', "import * as runner from '../../runner';\n"),
      face('e.ts', "const later = () => import('../../salesforce').then((m) => m.refreshDescribeCache);\n"),
      face('fine.ts', "import { validateQuery } from '../../app/validate-query';\nimport { orgFactsLines } from '../../salesforce';\nimport { connect } from 'node:net';\n"),
    ]);
    assert.deepEqual(found, [
      'vscode/online/a.ts: connect from ../../salesforce',
      'vscode/online/b.ts: redactSecrets from ../../salesforce/index',
      'vscode/online/c.ts: checkJobOnline from ../../salesforce',
      'vscode/online/d.ts: * from ../../runner',
      'vscode/online/e.ts: * from ../../salesforce',
    ]);
  });
});
