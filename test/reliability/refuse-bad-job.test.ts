import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { validateJob } from '../../src/core/validate';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index';
import { emulatorWorkspace, TestWorkspace } from '../integration/salesforce/workspace';
import { checkAsync, exampleFiles, mutationOf } from './fuzz';

/**
 * `sfjob run` on a job with errors stops before it talks to the org: not a token request, not a query.
 * The emulator counts every request a client makes, so "nothing" is measured, not assumed.
 */

const files = exampleFiles();

async function requestsServed(emulator: EmulatorHandle): Promise<number> {
  const status = (await (await fetch(`${emulator.url}/__emulator`)).json()) as { requests: number };
  return status.requests;
}

describe('the runner refuses a bad job before it touches the org', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let refused = 0;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 2, chats: 2, sms: 2, surveys: 20 } });
    workspace = emulatorWorkspace(emulator);
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
  });
  after(async () => {
    console.log(`\n      Refused before touching the org: ${refused} bad jobs, ${await requestsServed(emulator)} requests served`);
    await emulator.close();
    workspace.remove();
  });

  async function runRefused(name: string, text: string): Promise<void> {
    const file = path.join(workspace.root, 'jobs', `${name}.sfjob.json`);
    await fs.writeFile(file, text);
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (chunk) => void (out += chunk), stderr: (chunk) => void (err += chunk), cwd: workspace.root, env: workspace.env, isTTY: false, version: '0.0.0-test' };
    const code = await main(['run', `jobs/${name}.sfjob.json`], io);
    assert.equal(code, 1, `exit ${code}\n${out}\n${err}`);
    assert.match(err, new RegExp(`jobs/${name}\\.sfjob\\.json has errors; fix them first`));
    assert.match(err, /jobs\/.*\.sfjob\.json:\d+:\d+: error [a-z-]+: /);
    assert.equal(await requestsServed(emulator), 0, `the org was contacted for ${name}`);
    refused++;
  }

  it('refuses every broken example, naming the file, line and code', async () => {
    const broken = [...files.keys()].filter((name) => name.startsWith('broken/') && name.endsWith('.sfjob.json'));
    assert.ok(broken.length >= 15);
    for (const name of broken) {
      const text = (files.get(name) ?? '').replaceAll('"connection": "acme-prod"', '"connection": "local"');
      const verdict = validateJob(text, { path: name, readFile: (relative) => files.get(path.posix.join('broken', relative)) });
      if (!verdict.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) continue;
      for (const sibling of [...files.keys()].filter((other) => other.startsWith(name.replace('.sfjob.json', '.')) && other !== name)) {
        await fs.writeFile(path.join(workspace.root, 'jobs', path.posix.basename(sibling)), files.get(sibling) ?? '');
      }
      await runRefused(path.posix.basename(name, '.sfjob.json'), text);
    }
    assert.ok(refused >= 15, `only ${refused} broken examples have errors`);
  });

  it('refuses mutated jobs that the checks find errors in', async () => {
    const base = files.get('survey-feedback.sfjob.json') ?? '';
    let index = 0;
    await checkAsync('jobs refused', mutationOf(base), async (text) => {
      const verdict = validateJob(text, { path: 'survey-feedback.sfjob.json', readFile: (relative) => files.get(relative), connectionNames: ['local'] });
      if (!verdict.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return;
      await runRefused(`mutated-${index++}`, text);
    }, 60);
    assert.ok(index >= 20, `only ${index} of 60 mutations had errors`);
  });
});
