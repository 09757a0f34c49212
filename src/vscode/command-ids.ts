/**
 * The extension's commands, without importing vscode, so a unit test can check this table against
 * package.json. Handlers live in commands.ts, keyed by the same ids.
 */

export interface CommandInfo {
  id: string;
  title: string;
  /** Hidden from the Command Palette: run from a code action or a lens, with arguments. */
  internal?: boolean;
  /**
   * Reads files beyond the open text, spawns a process or reaches an org, so it runs only in a trusted
   * workspace: in Restricted Mode it says why it does nothing.
   */
  needsTrust?: boolean;
}

export const COMMANDS = {
  newJob: { id: 'sfjob.newJob', title: 'New Job' },
  showDateFieldCandidates: { id: 'sfjob.showDateFieldCandidates', title: 'Show Date Field Candidates' },
  openJobSchema: { id: 'sfjob.openJobSchema', title: 'Open Job Schema' },
  moveSecretToStorage: { id: 'sfjob.moveSecretToStorage', title: 'Move Secret to Secret Storage', internal: true },
  authorizeConnection: { id: 'sfjob.authorizeConnection', title: 'Authorize Connection', needsTrust: true },
  testConnection: { id: 'sfjob.testConnection', title: 'Test Connection', needsTrust: true },
  showConnectionStatus: { id: 'sfjob.showConnectionStatus', title: 'Show Connection Status', needsTrust: true },
  forgetConnectionCredentials: { id: 'sfjob.forgetConnectionCredentials', title: 'Sign Out Connection' },
  runJob: { id: 'sfjob.runJob', title: 'Run Job', needsTrust: true },
  previewJob: { id: 'sfjob.previewJob', title: 'Preview Job', needsTrust: true },
  validateQuery: { id: 'sfjob.validateQuery', title: 'Validate Query', needsTrust: true },
  refreshOrgMetadata: { id: 'sfjob.refreshOrgMetadata', title: 'Refresh Org Metadata', needsTrust: true },
  fetchSample: { id: 'sfjob.fetchSample', title: 'Fetch Sample', needsTrust: true },
  testExpression: { id: 'sfjob.testExpression', title: 'Test Expression', internal: true },
  startLocalOrg: { id: 'sfjob.startLocalOrg', title: 'Start Local Org', needsTrust: true },
  showLog: { id: 'sfjob.showLog', title: 'Show Log' },
  openRunOutput: { id: 'sfjob.openRunOutput', title: 'Open Run Output', needsTrust: true },
  openRunReport: { id: 'sfjob.openRunReport', title: 'Open Run Report', needsTrust: true },
} as const satisfies Record<string, CommandInfo>;

export type CommandName = keyof typeof COMMANDS;

/** The category every command shows under in the Command Palette ("sfjob: New Job"). */
export const COMMAND_CATEGORY = 'sfjob';

/**
 * Lenses shown above a job's `query`, in order. A lens appears only when its command is implemented
 * (registered in the command table), so the editor never offers an action that does nothing.
 */
export const QUERY_LENSES: readonly { id: string; title: string }[] = [
  { id: 'sfjob.validateQuery', title: 'Validate Query' },
  { id: 'sfjob.fetchSample', title: 'Fetch Sample' },
  { id: 'sfjob.previewJob', title: 'Preview' },
  { id: 'sfjob.runJob', title: 'Run Job' },
];

/** The key a connection's secret is kept under in VS Code's SecretStorage. */
export function secretStorageKey(connection: string, kind: string): string {
  return `sfjob.connection.${connection}.${kind}`;
}
