import * as assert from 'node:assert';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { readText, workspaceUri, writeText } from './helpers';

export interface LocalOrg {
  emulator: EmulatorHandle;
  /** Puts the connections file back and stops the emulator. */
  close(): Promise<void>;
}

/**
 * Starts the org emulator on a free port and points the example workspace's "local" connection at it
 * (the example connections file names the emulator's default port).
 */
export async function startLocalOrg(): Promise<LocalOrg> {
  const emulator = await startEmulator({ port: 0, records: { cases: 30, chats: 4, sms: 2, surveys: 2 } });
  const connections = workspaceUri('sfjob.connections.json');
  const original = await readText(connections);
  assert.match(original, /"environmentUrl": "http:\/\/127\.0\.0\.1:4510"/);
  await writeText(connections, original.replace('http://127.0.0.1:4510', emulator.url));
  return {
    emulator,
    close: async () => {
      await writeText(connections, original);
      await emulator.close();
    },
  };
}
