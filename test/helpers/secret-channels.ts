import { channel } from 'node:diagnostics_channel';

/**
 * How tests tell the suite-wide secret scan (test/reliability/secret-scan.hooks.ts) what to look for
 * and what was printed out of its sight. Publishing with nobody listening does nothing.
 */
export const TEST_SECRET_CHANNEL = 'sfjob:test:secret';
export const TEST_OUTPUT_CHANNEL = 'sfjob:test:output';

/** A secret a test configures (a client secret, a password, a token): it must appear nowhere else. */
export function announceTestSecret(value: string | undefined): void {
  if (value) channel(TEST_SECRET_CHANNEL).publish(value);
}

/** Output the scan cannot see by itself: a child process's standard output and error. */
export function reportTestOutput(where: string, text: string): void {
  if (text) channel(TEST_OUTPUT_CHANNEL).publish({ where, text });
}
