import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { requireProvisioned } from '../harness/code-server';
import { repoRoot } from '../harness/workspace';

/**
 * The grammars tokenized by VS Code's own TextMate engine (vscode-textmate and vscode-oniguruma, taken from
 * the provisioned code-server), with VS Code's JSON grammar as the host of the injection.
 */
const vscodeDir = path.join(repoRoot, '.cache', 'code-server', 'package', 'lib', 'vscode');

interface Token {
  text: string;
  scopes: string[];
}

interface TextMate {
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
}

interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}

interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

const GRAMMAR_FILES: Record<string, string> = {
  'source.json': path.join(vscodeDir, 'extensions', 'json', 'syntaxes', 'JSON.tmLanguage.json'),
  'source.json.comments': path.join(vscodeDir, 'extensions', 'json', 'syntaxes', 'JSONC.tmLanguage.json'),
  'source.soql': path.join(repoRoot, 'syntaxes', 'soql.tmLanguage.json'),
  'sfjob.soql.injection': path.join(repoRoot, 'syntaxes', 'soql-injection.tmLanguage.json'),
};

let grammars: Map<string, Grammar>;

async function loadGrammars(): Promise<Map<string, Grammar>> {
  requireProvisioned();
  const load = createRequire(path.join(vscodeDir, 'package.json'));
  const textmate = load('vscode-textmate') as TextMate;
  const oniguruma = load('vscode-oniguruma') as Oniguruma;
  const wasm = fs.readFileSync(path.join(vscodeDir, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns), createOnigString: (text: string) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scope: string) => (GRAMMAR_FILES[scope] ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_FILES[scope], 'utf8'), GRAMMAR_FILES[scope]) : null),
    // As package.json declares: the injection goes into JSON and JSON with comments.
    getInjections: (scope: string) => (scope === 'source.json' || scope === 'source.json.comments' ? ['sfjob.soql.injection'] : undefined),
  });
  const loaded = new Map<string, Grammar>();
  for (const scope of ['source.json', 'source.json.comments', 'source.soql']) {
    const grammar = await registry.loadGrammar(scope);
    assert.ok(grammar, `grammar ${scope} did not load`);
    loaded.set(scope, grammar);
  }
  return loaded;
}

function tokenize(scope: string, text: string): Token[] {
  const grammar = grammars.get(scope);
  assert.ok(grammar);
  const tokens: Token[] = [];
  let state: unknown = (createRequire(path.join(vscodeDir, 'package.json'))('vscode-textmate') as TextMate).INITIAL;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  }
  return tokens;
}

function scopesOf(tokens: Token[], text: string, occurrence = 0): string[] {
  const found = tokens.filter((t) => t.text.trim() === text)[occurrence];
  assert.ok(found, `no token "${text}" among ${tokens.map((t) => JSON.stringify(t.text)).join(' ')}`);
  return found.scopes;
}

const hasScope = (scopes: string[], prefix: string) => scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));

describe('the SOQL grammars', () => {
  before(async () => {
    grammars = await loadGrammars();
  });

  it('colours keywords, functions, strings and date literals in a .soql file', () => {
    const tokens = tokenize('source.soql', "SELECT Id, COUNT(Id) FROM Case WHERE Status = 'Closed' AND CreatedDate > LAST_N_DAYS:7");
    assert.ok(hasScope(scopesOf(tokens, 'SELECT'), 'keyword.other.soql'));
    assert.ok(hasScope(scopesOf(tokens, 'COUNT'), 'support.function.soql'));
    assert.ok(hasScope(scopesOf(tokens, 'Closed'), 'string.quoted.single.soql'));
    assert.ok(hasScope(scopesOf(tokens, 'LAST_N_DAYS'), 'constant.language.date-literal.soql'));
  });

  for (const host of ['source.json', 'source.json.comments']) {
    it(`highlights SOQL inside the query string of a job (${host})`, () => {
      const tokens = tokenize(host, '{\n  "name": "SELECT nothing",\n  "query": "SELECT Id FROM Case WHERE Subject = \'say \\"hi\\"\' GROUP BY Id",\n  "dateField": "CreatedDate"\n}');
      assert.ok(hasScope(scopesOf(tokens, 'SELECT'), 'keyword.other.soql'), 'the query is SOQL');
      assert.ok(!hasScope(scopesOf(tokens, 'SELECT nothing'), 'keyword.other.soql'), 'other strings stay plain JSON');
      assert.ok(hasScope(scopesOf(tokens, 'GROUP BY'), 'keyword.other.soql'), 'an escaped quote inside a SOQL string does not end the JSON string');
      const comma = tokens.find((t) => t.text === ',' && t.scopes.some((s) => s.startsWith('punctuation.separator.dictionary.pair')));
      assert.ok(comma, 'the comma after the query is a JSON separator');
      assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid'))), 'nothing is marked invalid');
      assert.ok(hasScope(scopesOf(tokens, 'dateField'), 'support.type.property-name'), 'the next key is a key again');
    });

    it(`highlights SOQL in each line of a query array (${host})`, () => {
      const tokens = tokenize(host, '{\n  "query": [\n    "SELECT Id",\n    "FROM Case"\n  ],\n  "name": "x"\n}');
      assert.ok(hasScope(scopesOf(tokens, 'SELECT'), 'keyword.other.soql'));
      assert.ok(hasScope(scopesOf(tokens, 'FROM'), 'keyword.other.soql'));
      assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid'))), 'nothing is marked invalid');
      assert.ok(hasScope(scopesOf(tokens, 'name'), 'support.type.property-name'));
    });
  }
});
