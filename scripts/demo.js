#!/usr/bin/env node
// The README's first command: start the local org emulator, check the example workspace, run each
// example job against the emulator, show where the documents went, and stop the emulator again.
// It uses the built CLI (dist/cli.js) exactly as a user would, so it also proves the build works.
//
//   npm run demo                     port 4510 (what examples/sfjob.connections.json names), else a free one
//   npm run demo -- --port 4600      that port; 0 picks a free one (SFJOB_DEMO_PORT=4600 does the same)
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { localUrlIn, pointLocalConnectionAt } = require('./demo-connection');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const examples = path.join(root, 'examples');
const connectionsFile = path.join(examples, 'sfjob.connections.json');
// Under examples/.sfjob, which git ignores except for the describe cache.
const connectionsBackup = path.join(examples, '.sfjob', 'demo', 'sfjob.connections.json.orig');
/** The port the example connection "local" names in the committed file. */
const EXAMPLE_PORT = 4510;

function say(text) {
  process.stdout.write(`${text}\n`);
}

class UsageError extends Error {}

/** The port asked for on the command line or in SFJOB_DEMO_PORT; undefined when none was. */
function requestedPort(argv, env) {
  let text = env.SFJOB_DEMO_PORT || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port' || arg === '-p') text = argv[++i];
    else if (arg.startsWith('--port=')) text = arg.slice('--port='.length);
    else if (arg === '--help' || arg === '-h') throw new UsageError('usage: npm run demo [-- --port P]   (P from 0 to 65535; 0 picks a free port; or SFJOB_DEMO_PORT=P)');
    else throw new UsageError(`unknown argument "${arg}"; the demo takes --port P only (npm run demo -- --port 4600).`);
  }
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`--port takes a port number from 0 to 65535 (0 picks a free one), not "${text}".`);
  return Number(text);
}

/**
 * Starts `sfjob emulator --json` on the port and resolves with its credentials once it is listening,
 * or with { busy: true } when something else holds the port.
 */
function startEmulator(port) {
  const child = spawn(process.execPath, [cli, 'emulator', '--port', String(port), '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (/already in use|EADDRINUSE/.test(stderr)) resolve({ busy: true });
      else reject(new Error(`the emulator stopped before it was ready (exit ${code}).\n${stderr.trim()}`));
    });
  });
}

/** The asked-for port, or 4510 falling back to a free port when 4510 is taken. */
async function startOnAPort(requested) {
  const port = requested ?? EXAMPLE_PORT;
  say(`Starting the local org emulator on 127.0.0.1:${port === 0 ? '(a free port)' : port} …`);
  const started = await startEmulator(port);
  if (!started.busy) return started;
  if (requested !== undefined) {
    throw new Error(
      `port ${port} on 127.0.0.1 is already in use (perhaps by another "sfjob emulator"). Stop what holds it, ` +
        `or choose another port: npm run demo -- --port ${port === 65535 ? port - 1 : port + 1} (--port 0 picks a free one).`,
    );
  }
  say(`Port ${port} is taken (perhaps by another "sfjob emulator"); using a free port instead. Choose one with: npm run demo -- --port P`);
  const again = await startEmulator(0);
  if (again.busy) throw new Error('no free port on 127.0.0.1 could be had');
  return again;
}

function sfjob(args, env) {
  say(`\n$ sfjob ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: examples, env, stdio: 'inherit' });
  return result.status ?? 1;
}

async function main() {
  const requested = requestedPort(process.argv.slice(2), process.env);
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run "npm run build" first.');
  const { child, credentials } = await startOnAPort(requested);
  say(`Emulator ready at ${credentials.url} (user ${credentials.username}).`);
  let restore = () => {};
  let failures = 0;
  try {
    if (localUrlIn(fs.readFileSync(connectionsFile, 'utf8')) !== credentials.url) {
      say(`For this run, the connection "local" in examples/sfjob.connections.json points at ${credentials.url}; the file is put back afterwards.`);
    }
    restore = pointLocalConnectionAt(connectionsFile, credentials.url, connectionsBackup);
    // The CLI reads a connection's secrets from the environment; the emulator's are public and fixed.
    const env = { ...process.env, SFJOB_LOCAL_PASSWORD: credentials.password, SFJOB_LOCAL_CLIENT_SECRET: credentials.clientSecret };
    failures += sfjob(['validate', '.'], env) === 0 ? 0 : 1;
    const jobs = fs.readdirSync(examples).filter((name) => name.endsWith('.sfjob.json')).sort();
    for (const job of jobs) failures += sfjob(['run', job, '--full'], env) === 0 ? 0 : 1;
  } finally {
    restore();
    child.kill('SIGTERM');
  }
  if (failures > 0) {
    say(`\n${failures === 1 ? "1 step" : `${failures} steps`} failed; see the messages above.`);
    return 1;
  }
  say('\nDone: the documents are under examples/out/, the run reports under examples/.sfjob/runs/.');
  say('\nTo run an example job by hand, start the emulator (npx sfjob emulator) and, in another shell:');
  say(`  export SFJOB_LOCAL_CLIENT_SECRET=${credentials.clientSecret} SFJOB_LOCAL_PASSWORD=${credentials.password}`);
  say('  cd examples && npx sfjob run case-feedback.sfjob.json');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`demo: ${error.message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
