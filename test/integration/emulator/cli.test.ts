import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';
import { startEmulator } from '../../../src/emulator/index';

const ROOT = path.resolve(__dirname, '../../..');

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'emulator', ...args], { cwd: ROOT });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    cwd: ROOT,
    env: {},
    isTTY: false,
    version: 'test',
  };
  return io;
}

describe('sfjob emulator', () => {
  it('prints one JSON line with the credentials, serves on 127.0.0.1, and stops cleanly on SIGTERM', async () => {
    const child = startCli(['--port', '0', '--json', '--records', 'cases=20,chats=5,sms=5,surveys=5', '--seed', '7']);
    try {
      const info = JSON.parse(await firstLine(child)) as Record<string, string>;
      assert.deepEqual(Object.keys(info), ['url', 'clientId', 'clientSecret', 'username', 'password']);
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.clientId, 'sfjob-local-app');
      assert.equal(info.username, 'integration@sfjob.local');
      const versions = await fetch(`${info.url}/services/data`);
      assert.equal(versions.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });

  it('prints the connection details for a person and stops on SIGINT', async () => {
    const child = startCli(['--port', '0', '--records', 'cases=10']);
    let output = '';
    const lines = createInterface({ input: child.stdout });
    try {
      for await (const line of lines) {
        output += `${line}\n`;
        if (line.startsWith('Press Ctrl+C')) break;
      }
    } finally {
      child.kill('SIGINT');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.match(output, /client secret {2}local-client-secret/);
    assert.match(output, /password {7}local-password/);
    assert.match(output, /Case 10\b/);
  });

  it('exits 2 with a message for a bad --records value', async () => {
    const io = memoryIo();
    assert.equal(await main(['emulator', '--records', 'tickets=5'], io), 2);
    assert.match(io.err, /unknown kind "tickets"/);
  });

  it('starts with the faults given in --faults', async () => {
    const child = startCli(['--port', '0', '--json', '--records', 'cases=5', '--faults', '{"rules":[{"action":"error","status":503,"path":"/services/data"}]}']);
    try {
      const info = JSON.parse(await firstLine(child)) as Record<string, string>;
      assert.equal((await fetch(`${info.url}/services/data`)).status, 503);
      assert.equal((await fetch(`${info.url}/services/data`)).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.deepEqual(await once(child, 'exit'), [0, null]);
  });

  it('exits 2 naming the problem for --faults that are not JSON, not readable, or not faults', async () => {
    const cases: [string, RegExp][] = [
      ['{nope', /--faults must be JSON/],
      ['@does-not-exist.json', /--faults: cannot read .*does-not-exist\.json: ENOENT/],
      ['{"rules":[{"action":"explode"}]}', /--faults: .*action/],
    ];
    for (const [faults, message] of cases) {
      const io = memoryIo();
      assert.equal(await main(['emulator', '--port', '0', '--records', 'cases=1', '--faults', faults], io), 2, faults);
      assert.match(io.err, message);
    }
  });

  it('exits 1 and says what to do when the port is taken', async () => {
    const holder = await startEmulator({ port: 0 });
    try {
      const io = memoryIo();
      const port = new URL(holder.url).port;
      assert.equal(await main(['emulator', '--port', port], io), 1);
      assert.match(io.err, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use: .*--port`));
    } finally {
      await holder.close();
    }
  });
});
