#!/usr/bin/env node
// The README's first command: start the local org emulator, check the example workspace, run each
// example job against the emulator, show where the documents went, and stop the emulator again.
// It uses the built CLI (dist/cli.js) exactly as a user would, so it also proves the build works.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const examples = path.join(root, 'examples');
// The example connection "local" points at this port (examples/sfjob.connections.json).
const PORT = '4510';

function say(text) {
  process.stdout.write(`${text}\n`);
}

/** Starts `sfjob emulator --json` and resolves with its credentials once it is listening. */
function startEmulator() {
  const child = spawn(process.execPath, [cli, 'emulator', '--port', PORT, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      try {
        resolve({ child, credentials: JSON.parse(line) });
      } catch {
        reject(new Error(`the emulator printed "${line}" instead of its credentials`));
      }
    });
    child.once('exit', (code) => {
      const busy = /EADDRINUSE/.test(stderr) ? ` Port ${PORT} is taken: stop whatever listens there (perhaps another "sfjob emulator") and run the demo again.` : '';
      reject(new Error(`the emulator stopped before it was ready (exit ${code}).${busy}\n${stderr.trim()}`));
    });
  });
}

function sfjob(args, env) {
  say(`\n$ sfjob ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: examples, env, stdio: 'inherit' });
  return result.status ?? 1;
}

async function main() {
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run "npm run build" first.');
  say(`Starting the local org emulator on 127.0.0.1:${PORT} …`);
  const { child, credentials } = await startEmulator();
  say(`Emulator ready at ${credentials.url} (user ${credentials.username}).`);
  // The CLI reads a connection's secrets from the environment; the emulator's are public and fixed.
  const env = { ...process.env, SFJOB_LOCAL_PASSWORD: credentials.password, SFJOB_LOCAL_CLIENT_SECRET: credentials.clientSecret };
  let failures = 0;
  try {
    failures += sfjob(['validate', '.'], env) === 0 ? 0 : 1;
    const jobs = fs.readdirSync(examples).filter((name) => name.endsWith('.sfjob.json')).sort();
    for (const job of jobs) failures += sfjob(['run', job, '--full'], env) === 0 ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
  }
  say(failures === 0 ? '\nDone: the documents are under examples/out/, the run reports under examples/.sfjob/runs/.' : `\n${failures} step(s) failed; see the messages above.`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`demo: ${error.message}\n`);
    process.exit(1);
  },
);
