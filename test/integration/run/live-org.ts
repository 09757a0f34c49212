import type { CliIo } from '../../../src/cli/command';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/index';
import { connect } from '../../../src/salesforce/connect';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { TestWorkspace } from '../salesforce/workspace';

/** An emulator, a workspace whose connection `local` points at it, and a session; filled in by `before`. */
export interface LiveOrg {
  emulator: EmulatorHandle;
  workspace: TestWorkspace;
  session: AuthorizedConnection;
}

/**
 * Starts an emulator and a throwaway workspace around the calling suite (its before/after hooks), and
 * clears the faults after each test. `now` is the clock of the org and of the session.
 */
export function useLiveOrg(options: EmulatorOptions & { now?: () => Date }): LiveOrg {
  const org = {} as LiveOrg;
  before(async () => {
    org.emulator = await startEmulator({ port: 0, ...options });
    org.workspace = new TestWorkspace({ local: { environmentUrl: org.emulator.url, clientId: org.emulator.clientId, flow: 'clientCredentials' } as never }, { SFJOB_LOCAL_CLIENT_SECRET: org.emulator.clientSecret });
    org.session = await connect('local', { workspaceRoot: org.workspace.root, secrets: org.workspace.secrets(), env: org.workspace.env, ...(options.now ? { now: options.now } : {}) });
  });
  after(async () => {
    await org.emulator.close();
    org.workspace.remove();
  });
  afterEach(() => org.emulator.faults.clear());
  return org;
}

/** A CliIo that keeps what a command prints. */
export function captureIo(cwd: string, env: NodeJS.ProcessEnv): { io: CliIo; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (text) => void (out += text), stderr: (text) => void (err += text), cwd, env, isTTY: false, version: '0.0.0-test' };
  return { io, stdout: () => out, stderr: () => err };
}
