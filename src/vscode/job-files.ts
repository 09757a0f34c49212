/** Which documents the extension looks after, by name alone (cheap enough to run on every JSON file). */

export const JOB_FILE_SUFFIX = '.sfjob.json';
export const CONNECTIONS_FILE_NAME = 'sfjob.connections.json';

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function isJobFile(path: string): boolean {
  return baseName(path).endsWith(JOB_FILE_SUFFIX);
}

export function isConnectionsFile(path: string): boolean {
  return baseName(path) === CONNECTIONS_FILE_NAME;
}
