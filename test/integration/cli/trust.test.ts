import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, runCli } from '../../helpers/cli';

interface JsonReport {
  files: { path: string; diagnostics: { code: string; severity: string; message: string }[] }[];
  summary: { errors: number; warnings: number };
}

const CONNECTIONS = JSON.stringify({ connections: { local: { environmentUrl: 'http://127.0.0.1:4510', flow: 'password', clientId: 'app', username: 'u@example.com' } } });
const EXAMPLE_ORG = path.join(REPO_ROOT, 'examples', '.sfjob', 'describe', '00D5g000004sfJbEAI');

function job(changes: Record<string, unknown>): string {
  return JSON.stringify(
    {
      name: 'Job',
      project: 'Customer Care',
      connection: 'local',
      feedbackType: 'feedback',
      query: 'SELECT Id, Subject, Description, CreatedDate FROM Case',
      dateField: 'CreatedDate',
      mapping: { fields: [{ source: 'Description', type: 'verbatim' }] },
      ...changes,
    },
    null,
    2,
  );
}

/** Runs "sfjob validate ." in a throw-away workspace holding the given files (paths relative to its root). */
function validateWorkspace(files: Record<string, string>): { status: number | null; report: JsonReport } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-trust-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    const result = runCli(['validate', '.', '--format', 'json'], { cwd: root });
    return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The describe cache as "sfjob validate-query" leaves it after checking a chat job: LiveChatTranscript only. */
function chatOnlyCache(): Record<string, string> {
  const orgDir = '.sfjob/describe/00D5g000004sfJbEAI';
  const index = { orgId: '00D5g000004sfJbEAI', connections: ['local'], objects: { LiveChatTranscript: { fetchedAt: '2026-12-01T00:00:00.000Z', apiVersion: '62.0' } } };
  return {
    [`${orgDir}/_cache.json`]: JSON.stringify(index),
    [`${orgDir}/LiveChatTranscript.json`]: fs.readFileSync(path.join(EXAMPLE_ORG, 'LiveChatTranscript.json'), 'utf8'),
  };
}

function codes(report: JsonReport, file: string): string[] {
  return report.files.find((f) => f.path === file)?.diagnostics.map((d) => d.code) ?? [];
}

describe('sfjob validate keeps a clean check honest', () => {
  it('reports a Case job as not described yet (an information), not as an unknown object, after only the chat object was described', () => {
    const { status, report } = validateWorkspace({ 'sfjob.connections.json': CONNECTIONS, 'cases.sfjob.json': job({}), ...chatOnlyCache() });
    assert.equal(status, 0, JSON.stringify(report));
    const found = report.files.find((f) => f.path === 'cases.sfjob.json')!.diagnostics;
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['not-described', 'info']]);
    assert.match(found[0].message, /sfjob describe cases\.sfjob\.json/);
  });

  it('refuses a filter comparing a number field with text, with the describe cache', () => {
    const chat = job({ feedbackType: 'chat', query: 'SELECT Id, Body, ChatDuration, CreatedDate FROM LiveChatTranscript', mapping: undefined, filter: 'ChatDuration > "60"' });
    const { status, report } = validateWorkspace({ 'sfjob.connections.json': CONNECTIONS, 'chats.sfjob.json': chat, ...chatOnlyCache() });
    assert.equal(status, 1);
    assert.deepEqual(codes(report, 'chats.sfjob.json'), ['expression-invalid']);
  });

  it('does not take the SELECT list’s spelling for a field’s case', () => {
    const text = job({ query: 'SELECT Id, Description, lastModifiedDate, comment__c FROM Opportunity', dateField: 'LastModifiedDate' });
    const { status, report } = validateWorkspace({ 'sfjob.connections.json': CONNECTIONS, 'opportunities.sfjob.json': text });
    assert.equal(status, 0, JSON.stringify(report));
  });

  it('reports a job naming a connection in a workspace without sfjob.connections.json', () => {
    const { status, report } = validateWorkspace({ 'jobs/cases.sfjob.json': job({}) });
    assert.equal(status, 1);
    const found = report.files.find((f) => f.path === 'jobs/cases.sfjob.json')!.diagnostics;
    assert.deepEqual(found.map((d) => d.code), ['unknown-connection']);
    assert.match(found[0].message, /Create sfjob\.connections\.json/);
  });

  it('reports jobs in different folders that write to the same explicit output path, each naming the other', () => {
    const output = { path: 'out/cases/{runId}.jsonl' };
    const { status, report } = validateWorkspace({
      'sfjob.connections.json': CONNECTIONS,
      'team-a/cases.sfjob.json': job({ output }),
      'team-b/cases.sfjob.json': job({ output }),
      'team-c/cases.sfjob.json': job({ output: { path: 'out/{job}/{runId}.jsonl' } }),
      'team-d/cases.sfjob.json': job({}),
    });
    assert.equal(status, 1);
    assert.deepEqual(codes(report, 'team-a/cases.sfjob.json'), ['output-collision']);
    assert.deepEqual(codes(report, 'team-b/cases.sfjob.json'), ['output-collision']);
    assert.match(report.files.find((f) => f.path === 'team-a/cases.sfjob.json')!.diagnostics[0].message, /team-b\/cases\.sfjob\.json/);
    assert.deepEqual(codes(report, 'team-c/cases.sfjob.json'), []);
    assert.deepEqual(codes(report, 'team-d/cases.sfjob.json'), []);
  });

  it('reports an output path without {runId}', () => {
    const { status, report } = validateWorkspace({ 'sfjob.connections.json': CONNECTIONS, 'cases.sfjob.json': job({ output: { path: 'out/cases.jsonl' } }) });
    assert.equal(status, 1);
    assert.deepEqual(codes(report, 'cases.sfjob.json'), ['schema']);
  });
});
