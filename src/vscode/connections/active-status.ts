import * as path from 'node:path';
import { authStatus } from '../../app/auth-status';
import type { ConnectionStatus } from '../../salesforce';
import { editorSecretStore } from './handlers';
import type { SecretStorageLike } from './secret-storage';

/**
 * The status of the connection a job names, read as the editor's commands would sign in (VS Code's
 * secret storage, then the environment); undefined when the connections file is missing, broken or
 * does not name it.
 */
export async function statusOfConnection(storage: SecretStorageLike, env: NodeJS.ProcessEnv, jobPath: string, name: string, now = new Date()): Promise<ConnectionStatus | undefined> {
  try {
    const status = await authStatus(path.dirname(jobPath), { secrets: editorSecretStore({ storage, env }), now, only: name });
    return status.connections[0];
  } catch {
    return undefined;
  }
}
