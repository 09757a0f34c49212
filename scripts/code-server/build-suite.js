#!/usr/bin/env node
// Bundles the in-host test suite (test/vscode/suite) to out/test/vscode/suite, where the extension host
// loads it through extensionTestsPath. vscode comes from the host and mocha from node_modules at run time.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const suiteDir = path.join(root, 'test', 'vscode', 'suite');
const outDir = path.join(root, 'out', 'test', 'vscode', 'suite');

async function main() {
  const entryPoints = fs.readdirSync(suiteDir).filter((name) => name.endsWith('.ts')).map((name) => path.join(suiteDir, name));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
