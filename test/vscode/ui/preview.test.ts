import * as assert from 'node:assert';
import type { Locator } from 'playwright-core';
import { quickOpen, runFromPalette, snap, useWorkbench } from './workbench';

/** A computed style property of an element inside the webview (the function runs in the page). */
function styleOf(locator: Locator, property: string): Promise<string> {
  type Styled = { getComputedStyle(element: unknown): { getPropertyValue(name: string): string } };
  return locator.evaluate((element, name) => (globalThis as unknown as Styled).getComputedStyle(element).getPropertyValue(name).trim(), property);
}

describe('the job preview in the workbench UI', function () {
  this.timeout(180_000);
  const workbenchPage = useWorkbench();

  it('opens a webview with the sample documents: turns coloured by participant, redactions marked', async () => {
    const page = workbenchPage();
    await quickOpen(page, 'support-chats.sfjob.json');
    await runFromPalette(page, 'sfjob: Preview Job');
    await page.locator('.tabs-container .tab', { hasText: 'Preview: Support chats' }).waitFor();
    // A webview is an iframe holding the page's own iframe.
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('table tbody tr').first().waitFor();
    const rows = await view.locator('table tbody tr').count();
    assert.ok(rows > 0);
    await view.locator('li.turn.p1').first().waitFor();
    await snap(page, '5-preview-webview');
    assert.ok((await view.locator('mark.redacted').count()) > 0, 'no redaction is marked');
    // The colours come from the theme: the first participant's name takes the theme's blue.
    const agent = await styleOf(view.locator('li.turn.p0 .who').first(), 'color');
    const client = await styleOf(view.locator('li.turn.p1 .who').first(), 'color');
    const themeBlue = await styleOf(view.locator('body'), '--vscode-charts-blue');
    assert.ok(themeBlue, 'the theme variables did not reach the webview');
    assert.notStrictEqual(agent, client, 'both participants have the same colour');
    assert.notStrictEqual(agent, await styleOf(view.locator('body'), 'color'));
  });
});
