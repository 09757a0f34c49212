import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateConnectionsFile } from '../../../src/core/connections/validate';
import { describeSourceOf, type SObjectDescribe } from '../../../src/core/describe';
import type { DiagnosticCode } from '../../../src/core/diagnostics';
import { ALL_CODES } from '../../../src/core/diagnostics';
import { outputCollisions } from '../../../src/core/lint/collisions';
import { LineIndex } from '../../../src/core/text';
import { validateJob } from '../../../src/core/validate';
import type { ValidationContext } from '../../../src/core/validate-api';

const examplesDir = path.resolve(__dirname, '..', '..', '..', 'examples');
const brokenDir = path.join(examplesDir, 'broken');

/** Describe data for Case as a cached describe file would hold it, for the checks that need the org's schema. */
const CASE_DESCRIBE: SObjectDescribe = {
  name: 'Case',
  label: 'Case',
  fields: [
    { name: 'Id', label: 'Case ID', type: 'id', filterable: true, groupable: true },
    { name: 'CaseNumber', label: 'Case Number', type: 'string', filterable: true, groupable: true },
    { name: 'Subject', label: 'Subject', type: 'string', filterable: true, groupable: true },
    { name: 'Description', label: 'Description', type: 'textarea', filterable: false, groupable: false },
    { name: 'Status', label: 'Status', type: 'picklist', filterable: true, groupable: true },
    { name: 'CreatedDate', label: 'Created Date', type: 'datetime', filterable: true, groupable: false },
    { name: 'Last_Reply_At__c', label: 'Last Reply At', type: 'datetime', filterable: false, groupable: false },
  ],
};

function contextFor(dir: string, file: string, withDescribe: boolean): ValidationContext {
  return {
    path: path.join(dir, file),
    readFile: (relative) => {
      try {
        return fs.readFileSync(path.resolve(dir, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
    connectionNames: Object.keys(JSON.parse(stripComments(fs.readFileSync(path.join(dir, 'sfjob.connections.json'), 'utf8'))).connections as object),
    // As the committed cache holds it: Case described, Cases answered NOT_FOUND, Account not described yet.
    ...(withDescribe ? { describe: describeSourceOf([CASE_DESCRIBE], ['Cases']) } : {}),
  };
}

function stripComments(text: string): string {
  return text.replace(/^\s*\/\/.*$/gm, '');
}

function rangeOfMarker(text: string, marker: string, occurrence: number) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(marker, at + 1);
  assert.ok(at >= 0, `marker ${marker} not found`);
  return new LineIndex(text).rangeOf(at, at + marker.length);
}

interface BrokenCase {
  /** The text the diagnostic must cover exactly. */
  marker: string;
  occurrence?: number;
  /** The check needs the org's describe data, which a cache would supply. */
  describe?: boolean;
}

/** Each broken example and the characters its diagnostic must cover. */
const BROKEN: Partial<Record<DiagnosticCode, BrokenCase>> = {
  'json-syntax': { marker: '"connection"' },
  'schema': { marker: '"ten"' },
  'soql-syntax': { marker: 'FORM' },
  'soql-group-by': { marker: 'GROUP BY' },
  'soql-aggregate': { marker: 'MAX(CreatedDate)' },
  'soql-unsupported': { marker: 'OFFSET 5000' },
  'date-field-not-selected': { marker: '"ClosedDate"' },
  'date-field-not-date': { marker: '"Status"', occurrence: 0, describe: true },
  'no-date-candidate': { marker: 'Id, Subject, Description' },
  'field-not-selected': { marker: '"Priority"' },
  'field-case': { marker: '"description"' },
  'field-not-in-sample': { marker: '"Origin"' },
  'feedback-type-object': { marker: 'Case' },
  'expression-invalid': { marker: 'CONTAINZ' },
  'regex-invalid': { marker: '(?!' },
  'unknown-connection': { marker: '"acme-prd"' },
  'secret-in-file': { marker: '00D5g000004XyZw!AQ4AQFzW6yVx1B0Tq9cR3pLkM7nZ2sHjUe8o' },
  'schedule-invalid': { marker: '"Europe/Londn"' },
  'fixed-field': { marker: '"feedback_provider"' },
  'rule-file': { marker: '"rules/missing.substitutions"' },
  'redaction-matches-ids': { marker: '"\\\\d{6,}"' },
  'sample-invalid': { marker: '"sample-invalid.sample.json"' },
  'unknown-field': { marker: 'Subjet', describe: true },
  'unknown-object': { marker: 'Cases', describe: true },
  'field-not-filterable': { marker: '"Last_Reply_At__c"', describe: true },
  'not-described': { marker: 'Account', occurrence: 1, describe: true },
};

describe('the examples workspace', () => {
  const jobs = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.sfjob.json'));

  it('holds a feedback, a chat and an sms job', () => {
    const types = jobs.map((f) => (JSON.parse(stripComments(fs.readFileSync(path.join(examplesDir, f), 'utf8'))) as { feedbackType: string }).feedbackType);
    assert.deepEqual([...new Set(types)].sort(), ['chat', 'feedback', 'sms']);
  });

  for (const file of jobs) {
    it(`${file} is clean and uses its sample`, () => {
      const result = validateJob(fs.readFileSync(path.join(examplesDir, file), 'utf8'), contextFor(examplesDir, file, false));
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.samplePath, file.replace('.sfjob.json', '.sample.json'));
    });
  }

  it('has a clean connections file', () => {
    assert.deepEqual(validateConnectionsFile(fs.readFileSync(path.join(examplesDir, 'sfjob.connections.json'), 'utf8'), new Date('2026-11-25T00:00:00Z')), []);
  });
});

describe('the broken examples', () => {
  it('cover every code that can be found offline', () => {
    // A code found across files has its pair named <code>.sfjob.json and <code>.<twin>.sfjob.json.
    const files = new Set(fs.readdirSync(brokenDir).filter((f) => f.endsWith('.sfjob.json')).map((f) => f.replace(/\..*$/, '')));
    // credential-expired lives in the connections file; org-error only comes back from Salesforce;
    // internal-error is a check of sfjob's own that failed, which no job file should be able to cause.
    const expected = ALL_CODES.filter((code) => code !== 'credential-expired' && code !== 'org-error' && code !== 'internal-error');
    assert.deepEqual([...files].sort(), [...expected].sort());
  });

  for (const [code, expected] of Object.entries(BROKEN) as [DiagnosticCode, BrokenCase][]) {
    it(`broken/${code}.sfjob.json yields ${code} on ${expected.marker}`, () => {
      const file = `${code}.sfjob.json`;
      const text = fs.readFileSync(path.join(brokenDir, file), 'utf8');
      const result = validateJob(text, contextFor(brokenDir, file, expected.describe ?? false));
      const found = result.diagnostics.filter((d) => d.code === code);
      assert.equal(found.length, 1, JSON.stringify(result.diagnostics.map((d) => [d.code, d.message])));
      assert.deepEqual(found[0].range, rangeOfMarker(text, expected.marker, expected.occurrence ?? 0));
    });
  }

  it('broken/output-collision.sfjob.json and its twin each yield output-collision on output.path, naming the other', () => {
    const files = ['output-collision.sfjob.json', 'output-collision.twin.sfjob.json'];
    const targets = files.map((file) => {
      const text = fs.readFileSync(path.join(brokenDir, file), 'utf8');
      const result = validateJob(text, contextFor(brokenDir, file, false));
      assert.deepEqual(result.diagnostics, [], 'each job alone is clean');
      const template = result.job?.output?.path;
      return { file, text, template, resolved: `/workspace/${template}` };
    });
    const found = outputCollisions(targets);
    assert.deepEqual([...found.keys()].sort(), files);
    for (const [index, file] of files.entries()) {
      const diagnostic = found.get(file)!;
      assert.equal(diagnostic.code, 'output-collision');
      assert.deepEqual(diagnostic.range, rangeOfMarker(targets[index].text, '"out/cases/{runId}.jsonl"', 0));
      assert.match(diagnostic.message, new RegExp(files[1 - index].replace(/\./g, '\\.')));
    }
  });

  it('broken/sfjob.connections.json yields credential-expired on the past expiration date', () => {
    const text = fs.readFileSync(path.join(brokenDir, 'sfjob.connections.json'), 'utf8');
    const found = validateConnectionsFile(text, new Date('2026-11-25T00:00:00Z'));
    assert.deepEqual(found.map((d) => d.code), ['credential-expired']);
    assert.deepEqual(found[0].range, rangeOfMarker(text, '"2024-01-31"', 0));
  });
});
