/**
 * Writes the describe cache committed with the examples (examples/.sfjob/describe/<org id>/, and the
 * same in examples/broken, which has its own connections file and so is a workspace of its own) from the
 * org emulator, through the same refresh the CLI uses, for the objects the example jobs (good and
 * broken) read. A test compares the committed files with what the emulator answers, so run this after
 * changing the emulator's objects:  npx tsx scripts/generate-example-describe.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateJob } from '../src/core/validate';
import { startEmulator } from '../src/emulator/index';
import { clientCredentialsSession } from '../src/emulator/session';
import { DESCRIBE_FOLDER } from '../src/store/describe-cache';
import { refreshDescribeCache } from '../src/salesforce/describe/refresh';

const EXAMPLES = path.resolve(__dirname, '..', 'examples');

/** The broken example of an object the cache has not described yet must stay undescribed. */
const LEFT_UNDESCRIBED = new Set(['not-described.sfjob.json']);

export function exampleJobFiles(): string[] {
  return ['', 'broken'].flatMap((folder) => {
    const dir = path.join(EXAMPLES, folder);
    return fs.readdirSync(dir).filter((f) => f.endsWith('.sfjob.json') && !LEFT_UNDESCRIBED.has(f)).sort().map((f) => path.join(dir, f));
  });
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const session = await clientCredentialsSession(emulator);
    const cacheDir = path.join(EXAMPLES, DESCRIBE_FOLDER);
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const now = new Date();
    const written = new Set<string>();
    for (const file of exampleJobFiles()) {
      const result = validateJob(fs.readFileSync(file, 'utf8'), { path: file, readFile: () => undefined });
      const object = result.query?.object;
      if (!object) continue;
      // Objects fetched once stay fresh for the rest of the run, so each is fetched only once.
      const refreshed = await refreshDescribeCache({ session, cacheDir, object, fieldPaths: result.query?.fields.map((f) => f.path), now });
      for (const name of refreshed.fetched) written.add(name);
    }
    const brokenCache = path.join(EXAMPLES, 'broken', DESCRIBE_FOLDER);
    fs.rmSync(brokenCache, { recursive: true, force: true });
    fs.cpSync(cacheDir, brokenCache, { recursive: true });
    process.stdout.write(`wrote ${[...written].sort().join(', ')} to ${path.relative(process.cwd(), cacheDir)} and ${path.relative(process.cwd(), brokenCache)}\n`);
  } finally {
    await emulator.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
