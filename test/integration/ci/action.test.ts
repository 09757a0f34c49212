import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../helpers/cli';
import { CLEAN_CASE_JOB, GROUPED_CASE_JOB } from '../../helpers/jobs';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

/** What the runner gives a composite action's expressions: its inputs and the outputs of earlier steps. */
interface Context {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

/** `${{ inputs.x }}` and `${{ steps.id.outputs.y }}`, the only expressions the action's values use. */
function expand(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (whole, expression: string) => {
    const [scope, name, kind, output] = expression.split('.');
    if (scope === 'inputs') return context.inputs[name] ?? '';
    if (scope === 'steps' && kind === 'outputs') return context.steps[name]?.[output] ?? '';
    throw new Error(`the test does not know the expression ${whole}`);
  });
}

interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the action's `run:` steps as the runner does (bash --noprofile --norc -eo pipefail, the step's
 * env and working directory, GITHUB_OUTPUT collected into the steps context) in `workspace`; steps that
 * use other actions are checked for what they would be given, not run. Stops at the first failing step.
 */
function runAction(workspace: string, inputs: Record<string, string>): { context: Context; runs: Record<string, StepRun>; uploads: Step[] } {
  const context: Context = { inputs: { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ''])), ...inputs }, steps: {} };
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-action-runner-'));
  const runs: Record<string, StepRun> = {};
  const uploads: Step[] = [];
  try {
    action.runs.steps.forEach((step, index) => {
      const id = step.id ?? `step${index}`;
      if (step.uses) {
        if (step.uses.startsWith('github/codeql-action/upload-sarif@')) uploads.push({ ...step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, expand(value, context)])) });
        return;
      }
      if (Object.values(runs).some((run) => run.code !== 0)) return;
      assert.equal(step.shell, 'bash', `step ${id} names its shell`);
      const script = path.join(temp, `${id}.sh`);
      const output = path.join(temp, `${id}.output`);
      fs.writeFileSync(script, step.run ?? '');
      fs.writeFileSync(output, '');
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value, context)]));
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: path.resolve(workspace, expand(step['working-directory'] ?? '.', context)),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTION_PATH: REPO_ROOT, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp, ...env },
        encoding: 'utf8',
        timeout: 120_000,
      });
      runs[id] = { code: result.status, stdout: result.stdout, stderr: result.stderr };
      context.steps[id] = Object.fromEntries(
        fs
          .readFileSync(output, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  return { context, runs, uploads };
}

describe('the GitHub Action (action.yml)', function () {
  this.timeout(120_000);
  let repo: string;

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-action-repo-'));
    fs.mkdirSync(path.join(repo, 'jobs'));
    fs.writeFileSync(path.join(repo, 'sfjob.connections.json'), JSON.stringify({ connections: { local: { environmentUrl: 'http://127.0.0.1:4510', flow: 'clientCredentials', clientId: 'app' } } }, null, 2));
    fs.writeFileSync(path.join(repo, 'jobs', 'good.sfjob.json'), JSON.stringify(CLEAN_CASE_JOB, null, 2));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('is a composite action whose SARIF goes to code scanning', () => {
    assert.equal(action.runs.using, 'composite');
    const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'an upload-sarif step');
    assert.match(upload.if ?? '', /inputs\.upload-sarif == 'true'/);
  });

  it('fails on a bad job after writing SARIF for code scanning and annotations for the pull request', () => {
    fs.writeFileSync(path.join(repo, 'jobs', 'bad.sfjob.json'), JSON.stringify(GROUPED_CASE_JOB, null, 2));
    const { context, runs, uploads } = runAction(repo, {});
    assert.equal(runs.validate.code, 0, 'the validate step itself never fails, so the SARIF is uploaded');
    assert.equal(context.steps.validate['exit-code'], '1');
    const sarifFile = context.steps.validate['sarif-file'];
    assert.equal(sarifFile, path.join(fs.realpathSync(repo), 'sfjob.sarif'));
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.ok(results.some((r) => r.ruleId === 'soql-group-by' && r.locations[0].physicalLocation.artifactLocation.uri === 'jobs/bad.sfjob.json'), JSON.stringify(results));
    assert.ok(results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri !== 'jobs/good.sfjob.json' || r.ruleId !== 'soql-group-by'));
    assert.match(runs.validate.stdout, /^::error file=jobs\/bad\.sfjob\.json,line=\d+,/m);
    assert.equal(uploads.length, 1);
    assert.equal(uploads[0].with?.sarif_file, sarifFile);
    assert.equal(runs.gate.code, 1);
  });

  it('passes when every job is clean, and reports errors without failing when fail-on-errors is false', () => {
    const clean = runAction(repo, {});
    assert.equal(clean.context.steps.validate['exit-code'], '0');
    assert.equal(clean.runs.gate.code, 0);
    const sarif = JSON.parse(fs.readFileSync(clean.context.steps.validate['sarif-file'], 'utf8')) as { runs: { results: { level: string }[] }[] };
    assert.deepEqual(sarif.runs[0].results.filter((r) => r.level === 'error'), []);

    fs.writeFileSync(path.join(repo, 'jobs', 'bad.sfjob.json'), JSON.stringify(GROUPED_CASE_JOB, null, 2));
    const lenient = runAction(repo, { 'fail-on-errors': 'false', paths: 'jobs/bad.sfjob.json' });
    assert.equal(lenient.context.steps.validate['exit-code'], '1');
    assert.equal(lenient.runs.gate.code, 0);
    assert.match(lenient.runs.gate.stdout, /have errors/);
  });

  it('always fails on bad usage (a path that does not exist), with sfjob\'s message', () => {
    const { context, runs } = runAction(repo, { paths: 'jobs nowhere', 'fail-on-errors': 'false' });
    assert.equal(context.steps.validate['exit-code'], '2');
    assert.match(runs.validate.stderr, /nowhere: no such file or folder/);
    assert.equal(runs.gate.code, 2);
  });
});
