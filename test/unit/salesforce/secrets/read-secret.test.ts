import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { readSecret, type SecretInput } from '../../../../src/salesforce/secrets/read-secret';

/** A stream that presents itself as a terminal, recording raw-mode switches as a real TTY would apply them. */
function terminal(): PassThrough & SecretInput & { modes: boolean[] } {
  const stream = new PassThrough() as PassThrough & SecretInput & { modes: boolean[] };
  stream.isTTY = true;
  stream.modes = [];
  stream.setRawMode = (mode: boolean) => stream.modes.push(mode);
  return stream;
}

describe('reading a secret from standard input', () => {
  it('takes the first line of a pipe', async () => {
    const input = new PassThrough();
    const reading = readSecret(input, () => undefined, 'clientSecret');
    input.end('s3cr3t-value\nsecond line\n');
    assert.equal(await reading, 's3cr3t-value');
  });

  it('takes a pipe without a final line end', async () => {
    const input = new PassThrough();
    const reading = readSecret(input, () => undefined, 'clientSecret');
    input.end('no-newline-secret');
    assert.equal(await reading, 'no-newline-secret');
  });

  it('reads a terminal in raw mode without echoing, honouring Backspace, and restores the mode', async () => {
    const input = terminal();
    const shown: string[] = [];
    const reading = readSecret(input, (text) => shown.push(text), 'password of connection "acme"');
    input.write('pa');
    input.write('x\u007fss\r');
    assert.equal(await reading, 'pass');
    assert.deepEqual(input.modes, [true, false]);
    assert.equal(shown.join(''), 'password of connection "acme" (input hidden): \n');
  });

  it('cancels on Ctrl-C', async () => {
    const input = terminal();
    const reading = readSecret(input, () => undefined, 'password');
    input.write('abc\u0003');
    await assert.rejects(reading, /cancelled/);
    assert.deepEqual(input.modes, [true, false]);
  });
});
