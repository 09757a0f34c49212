import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { type CodeServer, startCodeServer } from '../harness/code-server';
import { type TestDirs, prepareTestDirs, remoteUri, repoRoot, workbenchUrl } from '../harness/workspace';

export const screenshots = path.join(repoRoot, 'test-results', 'vscode-ui');
export const modifier = process.platform === 'darwin' ? 'Meta' : 'Control';

export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}

/** Opens a workspace file through Quick Open, as a person would, and waits for its editor tab. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press(`${modifier}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
}

/**
 * Runs a command from the Command Palette by its full title ("sfjob: Preview Job"). Commands shown only
 * for job files depend on the active editor's context, which the workbench sets a moment after a file
 * opens; a palette opened before that lists the command only once it is opened again, as a person would.
 */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(`${modifier}+Shift+P`);
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
  }
  await page.keyboard.press('Enter');
}

export interface Workbench {
  page: Page;
  dirs: TestDirs;
  close(): Promise<void>;
}

/** code-server with the extension from this folder, a copy of the example workspace, and a Chromium page on it. */
export async function openWorkbench(options: { emptyWorkspace?: boolean } = {}): Promise<Workbench> {
  fs.mkdirSync(screenshots, { recursive: true });
  const dirs = prepareTestDirs(options);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    dirs.remove();
  };
  try {
    server = await startCodeServer(dirs, () => undefined);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.origin, dirs.workspace, [['extensionDevelopmentPath', remoteUri(server.origin, repoRoot)], ['skipWelcome', 'true']]));
    await page.locator('.monaco-workbench').waitFor();
    // The explorer lists the workspace once the remote file system is connected.
    if (options.emptyWorkspace) await page.locator('.explorer-folders-view, .explorer-viewlet .welcome-view').first().waitFor();
    else await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sfjob-test' }).waitFor();
    return { page, dirs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens a workbench before the suite's tests and closes it after them; the page is read once open. */
export function useWorkbench(): () => Page {
  const workbench = useWorkbenchWithDirs();
  return () => workbench().page;
}

/** As useWorkbench, for tests that also read the profile's or the workspace's files. */
export function useWorkbenchWithDirs(options: { emptyWorkspace?: boolean } = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await openWorkbench(options);
  });
  // A failing step leaves a screenshot of the window as it was, to see what stood in the way.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) await snap(workbench.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open');
    return workbench;
  };
}
