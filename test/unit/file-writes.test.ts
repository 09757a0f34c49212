import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

/**
 * `npm run lint` lets no module outside src/store write files (eslint.config.mjs, eslint/no-file-writes.mjs):
 * source text is linted with the project's own configuration as if it sat at a path in src. Type
 * information is left out (the text is not in the project), which the file-write rule does not use.
 */

const REPO = path.resolve(__dirname, '..', '..');
const RULE = 'sfjob/no-file-writes';

const eslint = new ESLint({
  cwd: REPO,
  overrideConfig: [
    {
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  ],
});

/** The lines the file-write rule reports in `text` when it sits at `file`. */
async function reportedLines(file: string, text: string): Promise<number[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(REPO, file) });
  const fatal = result.messages.find((message) => message.fatal);
  assert.equal(fatal, undefined, fatal?.message);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.line);
}

const DELIBERATE_WRITE = ["import * as fs from 'node:fs/promises';", 'export async function keep(file: string): Promise<void> {', "  await fs.writeFile(file, 'state');", '}', ''].join('\n');

describe('no module outside the store writes files (npm run lint)', function () {
  this.timeout(60_000);

  it('fails a deliberate write from src/runner, naming the store', async () => {
    const [result] = await eslint.lintText(DELIBERATE_WRITE, { filePath: path.join(REPO, 'src/runner/deliberate-write.ts') });
    const messages = result.messages.filter((message) => message.ruleId === RULE);
    assert.equal(messages.length, 1, JSON.stringify(result.messages));
    assert.equal(messages[0].line, 3);
    assert.equal(messages[0].severity, 2);
    assert.match(messages[0].message, /outside src\/store/);
  });

  it('passes the same write inside src/store', async () => {
    assert.deepEqual(await reportedLines('src/store/deliberate-write.ts', DELIBERATE_WRITE), []);
  });

  it('passes it in a file of the allow-list (the CLI\'s --output report), and nowhere else in the same folder', async () => {
    assert.deepEqual(await reportedLines('src/cli/commands/validate.ts', DELIBERATE_WRITE), []);
    assert.deepEqual(await reportedLines('src/cli/commands/run.ts', DELIBERATE_WRITE), [3]);
  });

  it('finds every way of reaching a write: named, default, promises, require, streams, open flags, the editor, the database', async () => {
    const lines = [
      "import fs from 'node:fs';", // 1
      "import { rmSync, readFileSync, open as openFile } from 'fs';", // 2: rmSync
      "import * as vscode from 'vscode';", // 3
      "import { Database } from 'node-sqlite3-wasm';", // 4
      'export async function sneak(file: string, flags: string): Promise<void> {', // 5
      '  fs.renameSync(file, `${file}.old`);', // 6
      '  await fs.promises.mkdir(file, { recursive: true });', // 7
      "  const { writeFileSync } = require('node:fs') as typeof fs;", // 8
      "  writeFileSync(file, '');", // 9: reported at 8 only
      '  fs.createWriteStream(file).end();', // 10
      "  fs.openSync(file, 'a');", // 11
      '  fs.openSync(file, flags);', // 12
      "  await openFile(file, 'r+');", // 13
      "  await vscode.workspace.fs.writeFile(vscode.Uri.file(file), new Uint8Array());", // 14
      '  const fsp = fs.promises;', // 15
      '  await fsp.unlink(file);', // 16
      "  fs['appendFileSync'](file, 'x');", // 17
      '  void readFileSync; void Database;', // 18
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await reportedLines('src/app/sneak.ts', lines), [2, 4, 6, 7, 8, 10, 11, 12, 13, 14, 16, 17]);
  });

  it('leaves reads alone, and methods of the same names on things that are not the file system', async () => {
    const text = [
      "import * as fs from 'node:fs';",
      "import { readFile, open } from 'node:fs/promises';",
      "import type { Database } from 'node-sqlite3-wasm';",
      'export async function look(file: string, sessions: { open(id: string): void }, seen: Map<string, number>, out: { write(text: string): void }): Promise<Database | undefined> {',
      "  fs.readFileSync(file, 'utf8');",
      '  fs.statSync(file);',
      "  fs.openSync(file, 'r');",
      '  fs.openSync(file);',
      '  await (await open(file)).close();',
      "  await readFile(file, 'utf8');",
      "  sessions.open('user');",
      "  seen.delete('id');",
      "  out.write('text');",
      '  return undefined;',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await reportedLines('src/runner/look.ts', text), []);
  });
});
