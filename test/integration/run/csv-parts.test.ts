import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { listFiles } from '../../unit/runner/helpers';
import { emulatorWorkspace, type TestWorkspace } from '../salesforce/workspace';
import { captureIo } from './live-org';
import { surveyJob } from './survey-job';

/** Splits RFC 4180 text into rows of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  assert.equal(cell + row.join(''), '', 'the file ends in the middle of a row');
  return rows;
}

describe('csv output in XM Discover individual-feedback layout', function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 1, chats: 1, sms: 1, surveys: 250_000 } });
    workspace = emulatorWorkspace(emulator);
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    const job = surveyJob({
      mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Channel__c', type: 'text' }, { source: 'Comment__c', name: 'Comment', type: 'verbatim' }] },
      output: { path: 'out/{job}/{runId}.csv', format: 'csv' },
    });
    await fs.writeFile(path.join(workspace.root, 'jobs', 'surveys.sfjob.json'), JSON.stringify(job, null, 2));
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  it('writes a 250,000-record run as three files of at most 100,000 rows, each with the header, every document once', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', 'jobs/surveys.sfjob.json', '--format', 'json'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const report = JSON.parse(cli.stdout()) as { written: number; output: { path: string; files: string[]; documents: number } };
    const live = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true);
    assert.ok(live.length > 200_000 && live.length <= 300_000, `${live.length} live rows`);
    const files = (await listFiles(workspace.root)).filter((file) => file.startsWith('out/jobs/surveys/'));
    assert.equal(files.length, 3, files.join('\n'));
    assert.deepEqual([...report.output.files].sort(), [...files].sort());
    assert.ok(files.every((file) => /-part[123]\.csv$/.test(file)), files.join('\n'));
    const header = ['natural_id', 'document_date', 'feedback_provider', 'source_value', 'feedback_type', 'job_name', 'project', 'loadDate', 'Score__c', 'Channel__c', 'Comment'];
    const ids = new Set<string>();
    const sizes: number[] = [];
    for (const file of [...files].sort()) {
      const rows = parseCsv(await fs.readFile(path.join(workspace.root, file), 'utf8'));
      assert.deepEqual(rows[0], header, `the header of ${file}`);
      const body = rows.slice(1);
      sizes.push(body.length);
      assert.ok(body.length <= 100_000, `${file} has ${body.length} rows`);
      for (const row of body) {
        assert.equal(row.length, header.length, `a row of ${file} has ${row.length} cells`);
        assert.notEqual(row[0], '', `an empty row in ${file}`);
        ids.add(row[0]);
      }
    }
    assert.deepEqual(sizes, [100_000, 100_000, live.length - 200_000]);
    assert.equal(ids.size, live.length);
    assert.equal(report.written, live.length);
    assert.equal(report.output.documents, live.length);
  });
});
