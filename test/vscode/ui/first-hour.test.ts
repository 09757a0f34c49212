import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runFromPalette, snap, useWorkbenchWithDirs } from './workbench';

/** Screenshots of this walk go to their own folder, beside the other UI tests' (git-ignored). */
const SHOTS = 'first-hour';

/** Expands a step of the open walkthrough and presses its button, as a person would. */
async function pressStepButton(page: Page, stepTitle: string, button: string): Promise<void> {
  const step = page.locator('.getting-started-step', { hasText: stepTitle }).first();
  await step.waitFor();
  if (!(await step.evaluate((element) => element.classList.contains('expanded')))) await step.locator('.step-title').first().click();
  const link = step.locator('.monaco-button, a.button-link, .step-description a', { hasText: button }).first();
  await link.waitFor({ state: 'visible' });
  await link.click();
}

/** Shows the walkthrough again (a command's editor may have taken its place). */
async function showWalkthrough(page: Page): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first();
  if ((await tab.count()) > 0) await tab.click();
  await page.locator('.getting-started-step').first().waitFor();
}

/** Waits for a notification toast whose text matches. */
async function notification(page: Page, text: RegExp): Promise<void> {
  await page.locator('.notification-toast', { hasText: text }).first().waitFor({ timeout: 120_000 });
}

/**
 * Answers the quick inputs a command shows: the given texts first (typed, then Enter), then Enter on any
 * further prompt (its suggested value), until no quick input is open.
 */
async function answerQuickInputs(page: Page, answers: string[]): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let prompt = 0; prompt < 6; prompt++) {
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      return;
    }
    const answer = answers[prompt];
    if (answer !== undefined) {
      await input.fill(answer);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: answer }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }
}

describe('the first hour in the workbench UI, from a fresh profile and an empty folder', function () {
  this.timeout(300_000);
  const workbench = useWorkbenchWithDirs({ emptyWorkspace: true });

  it('opens the walkthrough and, from its first step, the examples', async () => {
    const { page, dirs } = workbench();
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with sfjob' }).first().click();
    await page.locator('.getting-started-step', { hasText: 'Open the examples' }).waitFor();
    await snap(page, `${SHOTS}/0-walkthrough`);
    await pressStepButton(page, 'Open the examples', 'Open Examples');
    await page.locator('.tabs-container .tab', { hasText: 'case-feedback.sfjob.json' }).waitFor();
    assert.ok(fs.existsSync(path.join(dirs.workspace, 'case-feedback.sfjob.json')), 'the examples were not copied into the empty folder');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sfjob.connections.json' }).waitFor();
    await snap(page, `${SHOTS}/1-open-examples`);
  });

  it('starts the local org from the walkthrough', async () => {
    const { page } = workbench();
    await showWalkthrough(page);
    await pressStepButton(page, 'Start the local org', 'Start Local Org');
    await notification(page, /The local org at .* is (started|already running)/);
    await snap(page, `${SHOTS}/2-start-local-org`);
  });

  it('authorizes the example connection from the walkthrough', async () => {
    const { page } = workbench();
    await showWalkthrough(page);
    await pressStepButton(page, 'Authorize the connection', 'Authorize Connection');
    await answerQuickInputs(page, ['local']);
    await notification(page, /local/);
    // The status bar speaks for the job in view: back on the job, it says the connection is signed in.
    await page.locator('.tabs-container .tab', { hasText: 'case-feedback.sfjob.json' }).first().click();
    await page.locator('.statusbar-item', { hasText: /local: signed in/ }).first().waitFor();
    await snap(page, `${SHOTS}/3-authorize`);
  });

  it('validates the example query against the local org', async () => {
    const { page } = workbench();
    await showWalkthrough(page);
    await pressStepButton(page, 'Validate the query', 'Validate Query');
    await notification(page, /accepted|Validate Query/i);
    await snap(page, `${SHOTS}/4-validate-query`);
  });

  it('previews the example job in one panel', async () => {
    const { page } = workbench();
    await showWalkthrough(page);
    await pressStepButton(page, 'Preview the documents', 'Preview Job');
    await page.locator('.tabs-container .tab', { hasText: 'Preview: Closed cases' }).waitFor();
    const view = page.frameLocator('iframe.webview.ready[src*="extensionId=sfjob.sfjob"]').frameLocator('#active-frame');
    await view.locator('table tbody tr').first().waitFor();
    await snap(page, `${SHOTS}/5-preview`);
    assert.strictEqual(await page.locator('.tabs-container .tab', { hasText: 'Preview:' }).count(), 1);
  });

  it('runs the example job and shows its counts', async () => {
    const { page, dirs } = workbench();
    await showWalkthrough(page);
    await pressStepButton(page, 'Run the job', 'Run Job');
    // The finished run's counts, not the progress shown while it runs.
    await notification(page, /published \d+ documents?/);
    await snap(page, `${SHOTS}/6-run`);
    const out = path.join(dirs.workspace, 'out', 'case-feedback');
    assert.ok(fs.existsSync(out) && fs.readdirSync(out).some((file) => file.endsWith('.csv')), `no output file under ${out}`);
  });

  it('opens the documents the run wrote', async () => {
    const { page } = workbench();
    await showWalkthrough(page);
    await pressStepButton(page, 'Open the documents', 'Open Run Output');
    await page.locator('.tabs-container .tab', { hasText: '.csv' }).first().waitFor();
    await snap(page, `${SHOTS}/7-open-output`);
  });
});
