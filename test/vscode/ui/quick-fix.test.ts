import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { type CodeServer, startCodeServer } from '../harness/code-server';
import { type TestDirs, prepareTestDirs, remoteUri, repoRoot, workbenchUrl } from '../harness/workspace';

const screenshots = path.join(repoRoot, 'test-results', 'vscode-ui');
const modifier = process.platform === 'darwin' ? 'Meta' : 'Control';

async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}

/** Opens a workspace file through Quick Open, as a person would, and waits for its editor tab. */
async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press(`${modifier}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
}

describe('the quick fix flow in the workbench UI', function () {
  this.timeout(180_000);
  let dirs: TestDirs;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    dirs = prepareTestDirs();
    server = await startCodeServer(dirs, () => undefined);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.origin, dirs.workspace, [['extensionDevelopmentPath', remoteUri(server.origin, repoRoot)], ['skipWelcome', 'true']]));
    await page.locator('.monaco-workbench').waitFor();
    // The explorer lists the workspace once the remote file system is connected.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sfjob-test' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    dirs?.remove();
  });

  it('shows GROUP BY in the Problems panel and fixes the dateField from the light bulb', async () => {
    await quickOpen(page, 'group-by.sfjob.json');
    // The status bar names the job's connection.
    await page.locator('.statusbar-item', { hasText: 'acme-prod' }).waitFor();
    await page.keyboard.press(`${modifier}+Shift+M`);
    const problems = page.locator('.markers-panel');
    const groupByRow = problems.locator('.monaco-list-row', { hasText: 'GROUP BY is not supported' });
    await groupByRow.waitFor();
    const dateRow = problems.locator('.monaco-list-row', { hasText: 'is not in the query\'s SELECT list' });
    await dateRow.waitFor();
    await snap(page, '1-problems-panel');

    // Selecting a problem moves the cursor onto it, where the light bulb appears.
    await dateRow.dblclick();
    const lightBulb = page.locator('.lightBulbWidget');
    await lightBulb.waitFor({ state: 'visible' });
    await snap(page, '2-light-bulb');
    await lightBulb.click();
    // The menu takes the keyboard (a pointer block covers the page), so the fix is chosen as a person would.
    const fix = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Add CreatedDate to the SELECT list' });
    await fix.waitFor();
    await snap(page, '3-quick-fix-menu');
    await page.keyboard.press('Enter');

    await dateRow.waitFor({ state: 'detached' });
    await page.locator('.view-line', { hasText: 'COUNT(Id), CreatedDate FROM Case' }).waitFor();
    await snap(page, '4-after-fix');
    assert.strictEqual(await groupByRow.count(), 1, 'GROUP BY still needs a person to rewrite the query');
  });
});
