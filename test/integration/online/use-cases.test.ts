import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { authStatus } from '../../../src/app/auth-status';
import { describeJob } from '../../../src/app/describe';
import { sampleJob } from '../../../src/app/sample';
import { hidingSecrets, JobFileError } from '../../../src/app/use-case';
import { validateQuery } from '../../../src/app/validate-query';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import type { AuthorizedConnection } from '../../../src/salesforce';
import { workspaceFileAccess } from '../../../src/store/fs-access';
import { documentsFirst } from '../../../src/vscode/documents-first';
import type { TestWorkspace } from '../salesforce/workspace';
import { examplesWorkspace, sfjob } from './helpers';

type Shown = Pick<Diagnostic, 'code' | 'severity' | 'message' | 'range'>;

function shown(diagnostics: readonly Shown[]): Shown[] {
  return diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range }));
}

function job(query: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name: 'Use case', project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query, dateField: 'CreatedDate', mapping: { fields: [{ source: 'Subject', type: 'verbatim' }] }, ...extra }, null, 2)}\n`;
}

/**
 * The use cases both faces call, over the emulator: the CLI commands are thin wrappers around them, and
 * the editor passes its open documents first. Each returns its findings with secrets already masked.
 */
describe('use cases both faces call (against the emulator)', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 12, chats: 2, sms: 2, surveys: 4 } });
    workspace = examplesWorkspace(emulator);
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  function write(name: string, text: string): string {
    const file = path.join(workspace.root, 'use-cases', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  const options = () => ({ secrets: workspace.secrets(), env: workspace.env });

  it('checks an unsaved edit in the editor exactly as the CLI checks the same text once saved', async () => {
    const file = write('edited.sfjob.json', job('SELECT Id, Subject, CreatedDate FROM Case'));
    const unsaved = job('SELECT Id, Subject, Statuss, CreatedDate FROM Case');
    const host = documentsFirst(() => [{ path: file, text: unsaved }], workspaceFileAccess());
    const editor = await validateQuery(file, { ...options(), text: unsaved, files: host });
    assert.ok(editor.diagnostics.some((d) => d.severity === 'error' && d.message.includes('Statuss')), JSON.stringify(editor.diagnostics));
    const onDisk = await sfjob(['validate-query', path.relative(workspace.root, file), '--format', 'json'], workspace.root, workspace.env);
    assert.equal(onDisk.code, 0, 'the saved text is still clean');

    fs.writeFileSync(file, unsaved);
    const cli = await sfjob(['validate-query', path.relative(workspace.root, file), '--format', 'json'], workspace.root, workspace.env);
    assert.equal(cli.code, 1, cli.stderr);
    const report = JSON.parse(cli.stdout) as { files: { diagnostics: Shown[] }[] };
    assert.deepEqual(shown(editor.diagnostics), shown(report.files[0].diagnostics));
  });

  it('sends a query that does not parse to the org, but refuses to sample it, naming the error that blocks', async () => {
    const file = write('unparsed.sfjob.json', job('SELECT Id, Subject, CreatedDate FROM Case WHERE'));
    const checked = await validateQuery(file, options());
    assert.equal(checked.notSent, undefined, 'soql-syntax leaves a query to send');
    const sampled = await sampleJob(file, { ...options(), limit: 2 });
    assert.equal(sampled.status, 'blocked');
    assert.deepEqual(sampled.status === 'blocked' ? [...new Set(sampled.diagnostics.map((d) => d.code))] : [], ['soql-syntax']);
    assert.ok(!fs.existsSync(file.replace('.sfjob.json', '.sample.json')), 'nothing was written');

    const cli = await sfjob(['sample', path.relative(workspace.root, file)], workspace.root, workspace.env);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /:\d+:\d+: error soql-syntax: /);
  });

  it('samples a job whose only errors a new sample fixes, and writes the records inside the workspace', async () => {
    const file = write('case-wrong.sfjob.json', job('SELECT Id, Subject, CreatedDate FROM Case', { mapping: { fields: [{ source: 'subject', type: 'verbatim' }] } }));
    const outcome = await sampleJob(file, { ...options(), limit: 3 });
    assert.equal(outcome.status, 'written', JSON.stringify(outcome.status === 'blocked' ? outcome.diagnostics : outcome));
    if (outcome.status !== 'written') return;
    assert.equal(outcome.path, file.replace('.sfjob.json', '.sample.json'));
    assert.equal((JSON.parse(fs.readFileSync(outcome.path, 'utf8')) as unknown[]).length, outcome.records.length);
  });

  it('refuses to describe or check a job whose connection is not defined, in the CLI as in the editor', async () => {
    const file = write('nowhere.sfjob.json', job('SELECT Id, Subject, CreatedDate FROM Case', { connection: 'nowhere' }));
    const described = await describeJob(file, options());
    assert.equal(described.status, 'blocked');
    assert.ok(described.status === 'blocked' && described.diagnostics.some((d) => d.code === 'unknown-connection'));
    const checked = await validateQuery(file, options());
    assert.deepEqual(checked.notSent?.map((d) => d.code), ['unknown-connection']);
    const cli = await sfjob(['describe', path.relative(workspace.root, file)], workspace.root, workspace.env);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /error unknown-connection/);
  });

  it('describes the objects a job reads into the workspace cache', async () => {
    const file = write('described.sfjob.json', job('SELECT Id, Subject, Account.Name, CreatedDate FROM Case'));
    const described = await describeJob(file, options());
    assert.equal(described.status, 'described');
    if (described.status !== 'described') return;
    assert.equal(described.object, 'Case');
    assert.deepEqual([...described.refresh.fetched].sort(), ['Account', 'Case']);
    assert.ok(described.refresh.orgDir.startsWith(path.join(workspace.root, '.sfjob', 'describe')));
  });

  it('tells a job file that cannot be read from a job with errors', async () => {
    await assert.rejects(validateQuery(path.join(workspace.root, 'missing.sfjob.json'), options()), (error: unknown) => error instanceof JobFileError && /does not exist/.test(error.message));
  });

  it('lists every connection with where its credentials come from, never their values', async () => {
    const status = await authStatus(workspace.root, { secrets: (root) => (root === workspace.root ? workspace.secrets() : assert.fail(root)) });
    const local = status.connections.find((c) => c.name === 'local');
    assert.ok(local?.ready, JSON.stringify(status));
    assert.equal(status.anyExpired, false);
    assert.ok(!JSON.stringify(status).includes(emulator.clientSecret));
  });

  it('masks the session\'s secrets in whatever a use case throws, keeping the error\'s class', async () => {
    class RefusedError extends Error {}
    const session = { secretValues: () => ['tok-0123456789'] } as unknown as AuthorizedConnection;
    await assert.rejects(
      hidingSecrets(session, async () => {
        throw new RefusedError('the org echoed Authorization: Bearer tok-0123456789 back');
      }),
      (error: unknown) => error instanceof RefusedError && !String((error as Error).message).includes('tok-0123456789') && /Bearer \*\*\*/.test((error as Error).message) && !String((error as Error).stack).includes('tok-0123456789'),
    );
  });
});
