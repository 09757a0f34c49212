import { format } from 'node:util';

/** Lines starting with this marker are the suite's output; the launchers print them and drop the rest. */
export const SUITE_MARKER = '[sfjob-test]';

export function suiteLog(...args: unknown[]): void {
  for (const line of format(...args).split('\n')) console.log(`${SUITE_MARKER} ${line}`);
}
