#!/usr/bin/env node
// Unpacks code-server (VS Code's server and web workbench, from the npm registry) into .cache/code-server
// so the extension's in-host tests can run in a real VS Code on machines that cannot download VS Code.
// `npm install code-server` as such fails offline-ish: its postinstall builds a kerberos addon and
// downloads ripgrep from GitHub, so the steps are done one by one with install scripts turned off.
// Idempotent: a marker file records a finished provision; run again with --force to redo it.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const VERSION = '4.100.3';
const root = path.resolve(__dirname, '..', '..');
const cacheDir = path.join(root, '.cache', 'code-server');
const packageDir = path.join(cacheDir, 'package');
const vscodeDir = path.join(packageDir, 'lib', 'vscode');
const marker = path.join(cacheDir, `provisioned-${VERSION}`);

function run(command, args, cwd) {
  process.stdout.write(`[setup:vscode] ${path.relative(root, cwd) || '.'}$ ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
}

function which(binary) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function requireSystemBinaries() {
  const missing = [['chromium', 'chromium'], ['rg', 'ripgrep']].filter(([binary]) => !which(binary));
  if (missing.length > 0) {
    const packages = missing.map(([, pkg]) => pkg).join(' ');
    throw new Error(`missing ${missing.map(([b]) => b).join(', ')}: install them with "apt-get install -y ${packages}" and run this again.`);
  }
}

function main() {
  const force = process.argv.includes('--force');
  requireSystemBinaries();
  if (fs.existsSync(marker) && !force) {
    process.stdout.write(`[setup:vscode] code-server ${VERSION} is already provisioned in ${path.relative(root, cacheDir)}\n`);
    return;
  }
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  run('npm', ['pack', `code-server@${VERSION}`, '--silent'], cacheDir);
  const tarball = fs.readdirSync(cacheDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball.');
  run('tar', ['-xzf', tarball], cacheDir);
  fs.rmSync(path.join(cacheDir, tarball));

  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], packageDir);
  run('npm', ['rebuild', 'argon2'], packageDir);

  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir);
  // The server resolves its modules through node_modules.asar, as in the packaged desktop build.
  const asarLink = path.join(vscodeDir, 'node_modules.asar');
  if (!fs.existsSync(asarLink)) fs.symlinkSync('node_modules', asarLink);
  // @vscode/ripgrep's postinstall would download rg from GitHub; Debian's rg does the same job.
  const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  fs.mkdirSync(path.dirname(rgTarget), { recursive: true });
  fs.copyFileSync(which('rg'), rgTarget);
  fs.chmodSync(rgTarget, 0o755);
  run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog'], vscodeDir);

  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  process.stdout.write(`[setup:vscode] code-server ${VERSION} provisioned in ${path.relative(root, cacheDir)}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`[setup:vscode] failed: ${error.message}\n`);
  process.exit(1);
}
