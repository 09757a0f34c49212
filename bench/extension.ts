/**
 * The extension's size and start-up cost: the bundles in dist/ (built with --production by `npm run
 * bench`, as `npm run package` does), the .vsix packaged by vsce into a temporary folder, and the time
 * to load dist/extension.js in Node.
 *
 * Activation in the real VS Code host is measured by the VS Code suite (`npm run test:vscode` prints
 * `[measure] activation ms=…` and `[measure] first-diagnostics ms=…`); this benchmark reads those lines
 * from the file named by SFJOB_BENCH_VSCODE_LOG when given, and otherwise says it has no such figure.
 * The load time measured here is the part of activation that the bundle's size decides: Node reading,
 * compiling and running the module, with `vscode` answered by an inert object since no host is present.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, report } from './lib/measure';
import { REPO_ROOT } from './lib/processes';

const DIST = path.join(REPO_ROOT, 'dist');
const KB = 1024;

function sizeKb(file: string): number {
  return fs.statSync(file).size / KB;
}

/** The names the vscode module exports, from its type declarations, so a module that copies them finds them. */
function vscodeExportNames(): string[] {
  const declarations = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...new Set([...declarations.matchAll(/^\s+export (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((match) => match[1]))];
}

/**
 * An object that answers every property, call and `new` with itself: enough for a module to load.
 * Source text, run in the child.
 */
const INERT = `function inert(names) {
  const proxy = new Proxy(class {}, {
    get: (target, key) => (key === 'prototype' ? target.prototype : key === Symbol.toPrimitive ? () => '' : key === 'then' || key === '__esModule' ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy,
    ownKeys: () => [...names, 'prototype'],
    getOwnPropertyDescriptor: (target, key) => (key === 'prototype' ? Reflect.getOwnPropertyDescriptor(target, key) : { value: proxy, enumerable: true, configurable: true, writable: true }),
  });
  return proxy;
}`;

/** Milliseconds to load dist/extension.js in a fresh Node process, median of several. */
function loadMs(runs: number): number[] {
  const script = `
    const Module = require('node:module');
    const inert = ${INERT};
    const names = ${JSON.stringify(vscodeExportNames())};
    const original = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? inert(names) : original.call(this, request, ...rest); };
    const started = process.hrtime.bigint();
    const extension = require(${JSON.stringify(path.join(DIST, 'extension.js'))});
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (typeof extension.activate !== 'function') throw new Error('no activate export');
    process.stdout.write(String(ms));
  `;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`loading dist/extension.js failed: ${result.stderr.trim().split('\n').slice(-12).join('\n').slice(0, 2000)}`);
    times.push(Number(result.stdout));
  }
  return times;
}

/** The VS Code suite's `[measure] NAME ms=N` figures, if a log of its output was given. */
function hostFigures(): Map<string, number> | string {
  const file = process.env.SFJOB_BENCH_VSCODE_LOG;
  if (!file) return 'no VS Code host log given: run `npm run test:vscode 2>&1 | tee vscode.log` and set SFJOB_BENCH_VSCODE_LOG=vscode.log';
  if (!fs.existsSync(file)) return `SFJOB_BENCH_VSCODE_LOG names ${file}, which does not exist`;
  const figures = new Map<string, number>();
  for (const match of fs.readFileSync(file, 'utf8').matchAll(/\[measure\] ([\w-]+) ms=([\d.]+)/g)) figures.set(match[1], Number(match[2]));
  return figures;
}

function packageVsix(): { kb: number } | { reason: string } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-bench-vsix-'));
  try {
    const vsix = path.join(out, 'sfjob.vsix');
    const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
    const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0 || !fs.existsSync(vsix)) return { reason: `vsce package failed: ${(result.stderr || result.stdout || String(result.error)).trim().split('\n').slice(-2).join(' | ')}` };
    return { kb: sizeKb(vsix) };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function main(): void {
  const extension = path.join(DIST, 'extension.js');
  if (!fs.existsSync(extension)) throw new Error('dist/extension.js is missing: run `node esbuild.js --production` first');
  // A development build ends with a source map comment; the production build has none.
  const minified = !fs.readFileSync(extension, 'utf8').includes('//# sourceMappingURL=');
  const bundle = sizeKb(extension);
  report({ bench: 'extension', metric: 'dist/extension.js size', value: bundle, unit: 'KB', baseline: 600, ratio: bundle / 600, production: minified, note: 'baseline: the 600 KB goal' });
  for (const chunk of ['soql.js', 'jsforce.js', 'cli.js']) {
    if (fs.existsSync(path.join(DIST, chunk))) report({ bench: 'extension', metric: `dist/${chunk} size`, value: sizeKb(path.join(DIST, chunk)), unit: 'KB', production: minified });
  }
  const vsix = packageVsix();
  if ('kb' in vsix) report({ bench: 'extension', metric: '.vsix size', value: vsix.kb, unit: 'KB', baseline: 3 * KB, ratio: vsix.kb / (3 * KB), note: 'baseline: the 3 MB goal' });
  else report({ bench: 'extension', metric: '.vsix size', value: Number.NaN, unit: 'KB', skipped: vsix.reason });

  const load = median(loadMs(7));
  report({ bench: 'extension', metric: 'dist/extension.js load time in Node (no host)', value: load, unit: 'ms', baseline: 50, ratio: load / 50, note: 'baseline: the 50 ms activation goal; the module load is the part of activation the bundle decides' });
  const host = hostFigures();
  if (typeof host === 'string') {
    report({ bench: 'extension', metric: 'activation in the VS Code host', value: Number.NaN, unit: 'ms', skipped: host });
  } else {
    for (const [name, ms] of host) report({ bench: 'extension', metric: `${name} in the VS Code host`, value: ms, unit: 'ms', ...(name === 'activation' ? { baseline: 50, ratio: ms / 50 } : {}), source: process.env.SFJOB_BENCH_VSCODE_LOG });
  }
}

main();
