import * as fs from 'node:fs';
import * as path from 'node:path';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

/**
 * Copies the example workspace as a fresh clone has it: the jobs, samples, rules and the committed describe
 * cache, but none of the output, state, reports or locks a local demo run leaves behind (a watermark from
 * such a run would make a test's first run read nothing).
 */
export function copyExampleWorkspace(target: string): void {
  fs.cpSync(EXAMPLES, target, { recursive: true, filter: (source) => isCloneContent(path.relative(EXAMPLES, source)) });
}

function isCloneContent(relative: string): boolean {
  const parts = relative.split(path.sep);
  if (parts[0] === 'out') return false;
  if (parts[0] === '.sfjob') return parts.length === 1 || parts[1] === 'describe';
  return true;
}
