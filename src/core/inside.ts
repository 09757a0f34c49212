import * as path from 'node:path';

/**
 * Whether a path lies inside a folder, decided on the paths alone (links are the caller's to resolve
 * first). Every containment check of sfjob's goes through here, so they cannot disagree at the edges:
 *
 * - the folder itself counts as inside, unless `strictly` is set (a file to write can never be the
 *   workspace folder itself);
 * - trailing separators and `.` segments make no difference (`/ws/` is `/ws`);
 * - a name that merely starts with two dots (`/ws/..foo`) is inside; `..` and `../x` are not, nor is a
 *   sibling that shares a prefix (`/wsx` is not in `/ws`);
 * - letter case follows the platform's paths: it counts on POSIX and not on Windows, where a path on
 *   another drive is never inside.
 *
 * Both paths should be absolute; `paths` is the platform's path module (path.posix or path.win32 to
 * decide for another platform).
 */
export function isInside(file: string, folder: string, options: { strictly?: boolean; paths?: path.PlatformPath } = {}): boolean {
  const paths = options.paths ?? path;
  const relative = paths.relative(folder, file);
  if (relative === '') return options.strictly !== true;
  if (paths.isAbsolute(relative)) return false;
  const first = relative.split(paths.sep)[0];
  return first !== '..';
}
