import * as assert from 'node:assert';
import { hostLogLines } from './host-log';
import { quickOpen, runFromPalette, snap, useWorkbenchWithDirs } from './workbench';

const FIRST_CHECK = /first job check: .* (\d+) ms after activation began, (\d+) ms after the extension host started \(the job was open at activation\)/;
const FIRST_SHOWN = /first job diagnostics shown: .* (\d+) ms after activation began/;

/** The budget for a job's first diagnostics after a window reload, counted in the extension host from activation. */
const FIRST_DIAGNOSTICS_BUDGET_MS = 1000;

describe('start-up in the workbench UI', function () {
  this.timeout(180_000);
  const workbench = useWorkbenchWithDirs();

  it('shows the problems of a job open when the window reloads within a second of activation, then checks it afresh', async () => {
    const { page, dirs } = workbench();
    await quickOpen(page, 'group-by.sfjob.json');
    const squiggle = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first();
    await squiggle.waitFor();

    const reloaded = Date.now();
    await runFromPalette(page, 'Developer: Reload Window');
    await page.locator('.tabs-container .tab.active', { hasText: 'group-by.sfjob.json' }).waitFor();
    await squiggle.waitFor();
    const onScreenMs = Date.now() - reloaded;
    await snap(page, 'startup-after-reload');

    // Before the reload the job was opened after activation, so only the reloaded window's lines match.
    const [, shownMs] = FIRST_SHOWN.exec((await hostLogLines(dirs.userDataDir, FIRST_SHOWN)).at(-1) ?? '') ?? [];
    const [, checkedMs, checkedAfterHostStartMs] = FIRST_CHECK.exec((await hostLogLines(dirs.userDataDir, FIRST_CHECK)).at(-1) ?? '') ?? [];
    console.log(`[measure] reload-first-diagnostics-after-activation ms=${shownMs}`);
    console.log(`[measure] reload-first-full-check-after-activation ms=${checkedMs}`);
    console.log(`[measure] reload-first-full-check-after-host-start ms=${checkedAfterHostStartMs}`);
    console.log(`[measure] reload-to-squiggle-on-screen ms=${onScreenMs}`);
    assert.ok(Number(shownMs) < FIRST_DIAGNOSTICS_BUDGET_MS, `the first diagnostics after the reload came ${shownMs} ms after activation`);
    // The fresh check still runs and publishes; it is what the kept diagnostics are replaced by.
    assert.ok(Number(checkedMs) >= 0);
  });
});
