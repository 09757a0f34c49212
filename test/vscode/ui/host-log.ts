import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every sfjob output channel log the extension hosts of this profile wrote, oldest window first. */
function sfjobLogs(userDataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'sfjob.log') found.push(full);
    }
  };
  const logs = path.join(userDataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
}

/**
 * The lines of the profile's sfjob logs that match `pattern`, once there are more than `after` of them.
 * The output channel writes its file asynchronously, so the file is read again until the line is there.
 */
export async function hostLogLines(userDataDir: string, pattern: RegExp, after = 0, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = sfjobLogs(userDataDir).flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => pattern.test(line)));
    if (lines.length > after) return lines;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in the sfjob logs under ${userDataDir} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
