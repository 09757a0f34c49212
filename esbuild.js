// Bundles the CLI and the extension. vscode is provided by the host; jsforce and the Salesforce layer
// are reached only through dynamic import(), so esbuild splits them into a chunk loaded on first use.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's default entry is a UMD build whose inner requires a bundler cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

async function main() {
  const builds = [
    { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', format: 'cjs' },
    { ...common, entryPoints: { extension: 'src/vscode/extension.ts' }, outdir: 'dist', format: 'cjs', external: ['vscode'] },
  ].filter((b) => Object.values(b.entryPoints).every((p) => require('fs').existsSync(p)));
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
