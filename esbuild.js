// Bundles the CLI and the extension into dist/. vscode is provided by the host. Heavy libraries are
// built as files of their own beside the bundles and required only when first used: jsforce (with its
// dependencies, ~1 MB, needed only by commands that talk to an org) and the SOQL parser (chevrotain and
// soql-parser-js, ~350 KB, needed only once a query is analyzed). esbuild's CommonJS output cannot split
// chunks itself, so the bundles refer to these files as external modules. recheck (the ReDoS analyzer,
// ~3 MB) is a third such file, loaded only when a pattern needs the backtracking engine, and SQLite (the
// run state's database) a fourth.
//
// Every runtime library is bundled, so the published package has no dependencies at all: package.json
// lists them as devDependencies, and installing the tarball pulls nothing else. The only import left
// outside the bundles is `vscode`, which VS Code provides, node-fetch's optional `encoding`, which it
// requires inside a try block and does without, and recheck's worker, which sfjob never starts. `--production` (run by `prepare`, so by `npm pack`, a
// publish and a git install) minifies and leaves source maps out: they tripled the package's size.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // `sfjob --version` answers the version of the package the bundle was built from.
  define: { SFJOB_BUILD_VERSION: JSON.stringify(require('./package.json').version) },
  // jsonc-parser's default entry is a UMD build whose inner requires a bundler cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const soqlLibrary = path.resolve(__dirname, 'src/core/soql/library.ts');

/** Points imports of the chunked libraries at the separately built files in dist/. */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^jsforce$/ }, () => ({ path: './jsforce.js', external: true }));
    build.onResolve({ filter: /^recheck\/lib\/main\.js$/ }, () => ({ path: './recheck.js', external: true }));
    build.onResolve({ filter: /^node-sqlite3-wasm$/ }, () => ({ path: './sqlite.js', external: true }));
    build.onResolve({ filter: /(^|\/)library$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      return target + '.ts' === soqlLibrary ? { path: './soql.js', external: true } : undefined;
    });
  },
};

/**
 * zod re-exports every locale's messages (~150 KB) through its namespace object; sfjob writes its own
 * messages and zod defaults to English by itself, so the locale index is narrowed to English.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: 'zod-locales', namespace: 'zod-locales', pluginData: args.resolveDir } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

/**
 * chevrotain checks a grammar's definitions (ambiguities, unreachable tokens, …) each time a lexer or a
 * parser is built, which is a third or more of the SOQL parser's load time: about 0.1 s of every
 * `sfjob run` on a quiet machine, and over a second under load. soql-parser-js builds both with the checks
 * on, on a grammar fixed for the version installed. The shipped chunk turns them off (chevrotain's
 * `skipValidations`, meant for a grammar already tested); the tests, run from the sources, still load the
 * library as published, checks included. The build fails if the library's text no longer matches.
 */
const soqlGrammarChecksOff = {
  name: 'soql-grammar-checks-off',
  setup(build) {
    build.onLoad({ filter: /[\\/]soql-parser-js[\\/]dist[\\/]src[\\/]parser[\\/](lexer|parser)\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const occurrences = source.split('skipValidations: false').length - 1;
      if (occurrences !== 1) throw new Error(`expected one 'skipValidations: false' in ${args.path}, found ${occurrences}: check the soql-parser-js version`);
      return { contents: source.replace('skipValidations: false', 'skipValidations: true'), loader: 'js' };
    });
  },
};

async function main() {
  fs.mkdirSync('dist', { recursive: true });
  // Maps left by a development build would no longer match the minified bundles.
  if (production) for (const name of fs.readdirSync('dist')) if (name.endsWith('.js.map')) fs.rmSync(path.join('dist', name));
  const builds = [
    { ...common, entryPoints: { cli: 'src/cli/main.ts' }, plugins: [lazyChunks, englishZodOnly] },
    { ...common, entryPoints: { extension: 'src/vscode/extension.ts' }, external: ['vscode'], plugins: [lazyChunks, englishZodOnly] },
    { ...common, entryPoints: { soql: 'src/core/soql/library.ts' }, plugins: production ? [soqlGrammarChecksOff] : [] },
    { ...common, stdin: { contents: "module.exports = require('jsforce');", resolveDir: __dirname, loader: 'js' }, outfile: 'dist/jsforce.js', outdir: undefined },
    // The ReDoS analyzer (~3 MB), needed only for patterns with lookarounds or backreferences. Its worker
    // file serves a backend sfjob never selects (it uses the pure build synchronously), so it stays out.
    {
      ...common,
      stdin: { contents: "module.exports = require('recheck/lib/main.js');", resolveDir: __dirname, loader: 'js' },
      outfile: 'dist/recheck.js',
      outdir: undefined,
      external: ['./synckit-worker'],
    },
    // SQLite for the run state (~1.3 MB of WebAssembly), loaded by the first command that reads or saves
    // a job's state. The library finds its .wasm file beside itself, so the file is copied into dist/.
    { ...common, stdin: { contents: "module.exports = require('node-sqlite3-wasm');", resolveDir: __dirname, loader: 'js' }, outfile: 'dist/sqlite.js', outdir: undefined },
  ];
  fs.copyFileSync(require.resolve('node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm'), path.join('dist', 'node-sqlite3-wasm.wasm'));
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
