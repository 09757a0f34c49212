import * as fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env.SFJOB_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; playwright-core never downloads a browser of its own here. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" or set SFJOB_CHROMIUM to its path.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
