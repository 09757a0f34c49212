import * as path from 'node:path';
import { loadConnections, connectionStatuses, type ConnectionStatus } from '../../salesforce';
import { editorSecretStore } from './handlers';
import type { SecretStorageLike } from './secret-storage';

/**
 * The status of the connection a job names, read as the editor's commands would sign in (VS Code's
 * secret storage, then the environment); undefined when the connections file is missing, broken or
 * does not name it.
 */
export async function statusOfConnection(storage: SecretStorageLike, env: NodeJS.ProcessEnv, jobPath: string, name: string, now = new Date()): Promise<ConnectionStatus | undefined> {
  let loaded;
  try {
    loaded = loadConnections(path.dirname(jobPath));
  } catch {
    return undefined;
  }
  if (!Object.hasOwn(loaded.connections, name)) return undefined;
  const secrets = editorSecretStore({ storage, env });
  const statuses = await connectionStatuses({ ...loaded, connections: { [name]: loaded.connections[name] } }, secrets, now);
  return statuses[0];
}
