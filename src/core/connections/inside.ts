import * as path from 'node:path';

/**
 * Whether `child` is `parent` or below it, by the paths alone (resolved, not followed through links).
 * Secrets kept below the workspace could be committed with it, so several rules refuse them there.
 */
export function isInsideFolder(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
