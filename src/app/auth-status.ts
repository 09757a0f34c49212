import { connectionStatuses, loadConnections, type ConnectionStatus } from '../salesforce';
import type { UseCaseOptions } from './use-case';

export interface AuthStatus {
  /** The connections file that was read. */
  file: string;
  /** The workspace root: the folder of that file. */
  root: string;
  connections: ConnectionStatus[];
  /** Whether a declared credential has expired: the CLI's exit code and the editor's warning both follow it. */
  anyExpired: boolean;
}

/**
 * Every connection of the workspace found from `folder` upwards: its flow, which credentials are present
 * and where from (never their values), and its expiry. Throws ConnectionConfigError when there is no
 * readable connections file. With `only`, just that connection (none when the file does not name it).
 */
export async function authStatus(folder: string, options: Pick<UseCaseOptions, 'secrets' | 'now'> & { only?: string }): Promise<AuthStatus> {
  const all = loadConnections(folder);
  // One connection (the one a job names) is looked at alone: an sfCli connection elsewhere asks the Salesforce CLI.
  const loaded = options.only === undefined ? all : { ...all, connections: Object.hasOwn(all.connections, options.only) ? { [options.only]: all.connections[options.only] } : {} };
  const secrets = typeof options.secrets === 'function' ? options.secrets(loaded.root) : options.secrets;
  const statuses = await connectionStatuses(loaded, secrets, options.now ?? new Date());
  return { file: loaded.file, root: loaded.root, connections: statuses, anyExpired: statuses.some((s) => s.expiry.state === 'expired') };
}
