import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { openWorkbench, quickOpen, runFromPalette, snap, type Workbench } from './workbench';

describe('Validate Query in the workbench UI', function () {
  this.timeout(180_000);
  let emulator: EmulatorHandle | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 30, chats: 1, sms: 1, surveys: 1 } });
    workbench = await openWorkbench();
    const { workspace } = workbench.dirs;
    const connections = path.join(workspace, 'sfjob.connections.json');
    fs.writeFileSync(connections, fs.readFileSync(connections, 'utf8').replace('http://127.0.0.1:4510', emulator.url));
    const job = {
      name: 'Cases by status',
      project: 'Customer Care',
      connection: 'local',
      feedbackType: 'feedback',
      query: 'SELECT Id, CaseNumber, Subject, Status, CreatedDate FROM Case',
      dateField: 'Status',
      mapping: { natural_id: 'CaseNumber', fields: [{ source: 'Subject', type: 'verbatim' }] },
    };
    fs.writeFileSync(path.join(workspace, 'cases-by-status.sfjob.json'), `${JSON.stringify(job, null, 2)}\n`);
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) await snap(workbench.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  /** Answers the quick input that is open now: picks the row with `text`, or types it into an input box. */
  async function answer(text: string, kind: 'pick' | 'type'): Promise<void> {
    const page = workbench?.page;
    assert.ok(page);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    if (kind === 'pick') await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor();
    await page.keyboard.press('Enter');
    // The next prompt reuses the same widget: wait until this one has gone.
    await page.locator('.quick-input-widget input').waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  it('signs in, validates the query and offers the date field candidates by type in a quick pick', async () => {
    assert.ok(workbench && emulator);
    const { page } = workbench;
    // The lens shows once the extension has activated and its commands are in the palette.
    await quickOpen(page, 'cases-by-status.sfjob.json');
    await page.locator('.codelens-decoration', { hasText: 'Validate Query' }).waitFor();
    await runFromPalette(page, 'sfjob: Authorize Connection');
    await answer('local', 'pick');
    await answer(emulator.clientSecret, 'type');
    await answer(emulator.password, 'type');
    await answer('', 'type');
    await page.locator('.notifications-toasts', { hasText: `connection "local" works: ${emulator.username}` }).waitFor();

    await runFromPalette(page, 'sfjob: Validate Query');
    const candidate = page.locator('.quick-input-list .monaco-list-row', { hasText: 'CreatedDate (datetime)' });
    await candidate.waitFor();
    await page.locator('.quick-input-widget', { hasText: 'sfjob: Choose the dateField' }).waitFor();
    assert.match((await page.locator('.quick-input-widget input').getAttribute('placeholder')) ?? '', /dateField "Status" is not a date field the query selects/);
    await snap(page, '6-date-field-candidates');
    await page.keyboard.press('Enter');
    await page.locator('.view-line', { hasText: '"dateField": "CreatedDate"' }).waitFor();
    // The job is checked again after the edit: the date-field-not-date squiggle on "Status" goes away.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
    await snap(page, '7-date-field-set');
  });
});
