import * as assert from 'node:assert';
import { modifier, quickOpen, snap, useWorkbench } from './workbench';

describe('the quick fix flow in the workbench UI', function () {
  this.timeout(180_000);
  const workbenchPage = useWorkbench();

  it('shows a dateField missing from SELECT in the Problems panel and fixes it from the light bulb', async () => {
    const page = workbenchPage();
    // (A GROUP BY query would hide this problem: the one mistake there is GROUP BY, and adding a field to
    // a grouped SELECT would be no fix.)
    await quickOpen(page, 'date-not-selected.sfjob.json');
    // The status bar names the job's connection.
    await page.locator('.statusbar-item', { hasText: 'acme-prod' }).waitFor();
    await page.keyboard.press(`${modifier}+Shift+M`);
    const problems = page.locator('.markers-panel');
    const dateRow = problems.locator('.monaco-list-row', { hasText: 'is not in the query\'s SELECT list' });
    await dateRow.waitFor();
    // The connections files of the workspace are checked in the background and their rows arrive late;
    // a row that moves under the pointer would take the double-click, so the list must be complete first.
    await problems.locator('.monaco-list-row', { hasText: 'This connections file holds a secret' }).waitFor();
    await problems.locator('.monaco-list-row', { hasText: 'expired on 2024-01-31' }).waitFor();
    await snap(page, '1-problems-panel');

    // Selecting a problem moves the cursor onto it, where the light bulb appears.
    await dateRow.dblclick();
    const lightBulb = page.locator('.lightBulbWidget');
    await lightBulb.waitFor({ state: 'visible' });
    await snap(page, '2-light-bulb');
    await lightBulb.click();
    // The menu takes the keyboard (a pointer block covers the page), so the fix is chosen as a person would.
    // The menu also offers the selected date field as the dateField; the fix wanted here is moved to with the arrow keys.
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Add CreatedDate to the SELECT list' }).waitFor();
    const fix = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Add CreatedDate to the SELECT list' });
    for (let moves = 0; moves < 5 && (await fix.count()) === 0; moves++) await page.keyboard.press('ArrowDown');
    await fix.waitFor();
    await snap(page, '3-quick-fix-menu');
    await page.keyboard.press('Enter');

    await dateRow.waitFor({ state: 'detached' });
    await page.locator('.view-line', { hasText: 'ClosedDate, CreatedDate FROM Case' }).waitFor();
    await snap(page, '4-after-fix');
    assert.strictEqual(await dateRow.count(), 0, 'the dateField problem is gone from the Problems panel');
  });
});
