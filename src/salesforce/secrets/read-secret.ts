/** The parts of process.stdin this reader uses, so a test can pass any readable stream. */
export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

const MAX_SECRET_LENGTH = 16 * 1024;

/**
 * Reads one secret: from a terminal without echoing it (raw mode; Enter ends, Backspace erases, Ctrl-C
 * cancels), or from a pipe up to the first line end, so `printf %s "$SECRET" | sfjob auth …` works in
 * scripts. The value is never written anywhere by this function.
 */
export function readSecret(input: SecretInput, prompt: (text: string) => void, label: string): Promise<string> {
  if (input.isTTY && input.setRawMode) return readFromTerminal(input, prompt, label);
  return readFromPipe(input);
}

function readFromPipe(input: SecretInput): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.length > MAX_SECRET_LENGTH) finish(new Error(`the value on standard input is longer than ${MAX_SECRET_LENGTH} characters; a secret never is.`));
      else if (/[\r\n]/.test(text)) finish();
    };
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      input.pause();
      if (error) reject(error);
      else resolve(text.split(/\r?\n/)[0]);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}

function readFromTerminal(input: SecretInput, prompt: (text: string) => void, label: string): Promise<string> {
  prompt(`${label} (input hidden): `);
  input.setRawMode?.(true);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      prompt('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
