import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The layering rules of `npm run lint` (.dependency-cruiser.cjs) run over small source trees laid out
 * like src: imports that point up or sideways, and cycles, must fail; imports that point down must pass.
 */

const REPO = path.resolve(__dirname, '..', '..');
const CRUISER = path.join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-layering-'));
  try {
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', strict: true }, include: ['src'] }));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const result = spawnSync(process.execPath, [CRUISER, 'src', '--config', CONFIG], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('layering (npm run lint)', function () {
  this.timeout(120_000);

  it('fails on imports that point up or sideways, and on cycles, naming each rule', () => {
    const { status, output } = cruise({
      'src/cli/face.ts': 'export const face = 1;\n',
      'src/vscode/editor.ts': "import { face } from '../cli/face';\nexport const editor = face;\n",
      'src/core/pure.ts': "import { face } from '../cli/face';\nexport const pure = face;\n",
      'src/runner/run.ts': 'export const run = 1;\n',
      'src/salesforce/api.ts': "import { run } from '../runner/run';\nexport const api = run;\nexport type Session = { id: string };\n",
      'src/emulator/org.ts': "import { api } from '../salesforce/api';\nexport const org = api;\n",
      'src/store/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/store/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    assert.notEqual(status, 0, output);
    for (const rule of ['core-is-the-ground', 'salesforce-is-an-adapter', 'emulator-names-only-salesforce-types', 'faces-apart', 'no-cycles']) {
      assert.match(output, new RegExp(`error ${rule}`), `${rule} in:\n${output}`);
    }
  });

  it('fails when a face or a use case imports a Salesforce module other than the layer\'s public entry', () => {
    const { status, output } = cruise({
      'src/salesforce/index.ts': "export { redact } from './secrets/redact';\n",
      'src/salesforce/secrets/redact.ts': 'export const redact = (s: string) => s;\n',
      'src/cli/command.ts': "import { redact } from '../salesforce/secrets/redact';\nexport const command = redact;\n",
      'src/vscode/editor.ts': "import { redact } from '../salesforce/index';\nexport const editor = redact;\n",
      'src/app/use-case.ts': "import type { redact } from '../salesforce/secrets/redact';\nexport type UseCase = typeof redact;\n",
    });
    assert.notEqual(status, 0, output);
    const violations = output.split('\n').filter((line) => /error faces-use-the-salesforce-entry/.test(line));
    assert.equal(violations.length, 2, output);
    assert.ok(violations.some((line) => line.includes('src/cli/command.ts')), output);
    assert.ok(violations.some((line) => line.includes('src/app/use-case.ts')), output);
    assert.ok(!violations.some((line) => line.includes('src/vscode/editor.ts')), output);
  });

  it('fails when a module outside the store reaches past its entry, or the store reaches up', () => {
    const { status, output } = cruise({
      'src/store/index.ts': "export { writeReport } from './report-file';\n",
      'src/store/report-file.ts': "export const writeReport = (text: string) => text;\n",
      'src/store/lock.ts': "import { run } from '../runner/run';\nexport const lock = run;\n",
      'src/runner/run.ts': "import { writeReport } from '../store/report-file';\nexport const run = writeReport;\n",
      'src/salesforce/cache.ts': "import { writeReport } from '../store';\nexport const cache = writeReport;\n",
    });
    assert.notEqual(status, 0, output);
    const entry = output.split('\n').filter((line) => /error store-through-its-entry/.test(line));
    assert.equal(entry.length, 1, output);
    assert.ok(entry[0].includes('src/runner/run.ts'), output);
    assert.match(output, /error store-stands-on-core.*src\/store\/lock\.ts/, output);
  });

  it('passes imports that point down, and a type-only look at the Salesforce layer from the emulator', () => {
    const { status, output } = cruise({
      'src/core/pure.ts': 'export const pure = 1;\n',
      'src/store/files.ts': "import { pure } from '../core/pure';\nexport const files = pure;\n",
      'src/store/index.ts': "export { files } from './files';\n",
      'src/salesforce/api.ts': "import { files } from '../store';\nexport const api = files;\nexport type Session = { id: string };\n",
      'src/emulator/org.ts': "import type { Session } from '../salesforce/api';\nexport const org = (s: Session) => s.id;\n",
      'src/runner/run.ts': "import { api } from '../salesforce/api';\nexport const run = api;\n",
      'src/app/load.ts': "import { run } from '../runner/run';\nexport const load = run;\n",
      'src/salesforce/index.ts': "export { api } from './api';\n",
      'src/cli/face.ts': "import { load } from '../app/load';\nimport { pure } from '../core/pure';\nimport { api } from '../salesforce';\nexport const face = load + pure + api;\n",
    });
    assert.equal(status, 0, output);
  });
});
