/**
 * Which files of the extension's examples folder a person gets when the examples are copied: the jobs,
 * samples, rule files, connections file and the describe cache, but not the jobs broken on purpose nor
 * anything a local run leaves behind (output, state, reports, locks). Kept free of vscode so a unit test
 * can check it against the folder and the package's file list.
 */
export function isShippedExample(relativePath: string): boolean {
  const parts = relativePath.split('/');
  if (parts[0] === 'broken' || parts[0] === 'out' || parts[0] === 'node_modules') return false;
  if (parts[0] === '.sfjob') return parts.length === 1 || parts[1] === 'describe';
  return true;
}
