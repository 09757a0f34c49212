/**
 * The layering of src (docs/architecture.md): an import may only point down.
 *
 *   faces      cli, vscode
 *   use cases  app, runner
 *   adapters   salesforce, store, emulator
 *   ground     core
 *
 * `npm run lint` runs this over src; a cycle anywhere, or an import that points up or sideways, fails it.
 */
const outside = (...allowed) => `^src/(?!(?:${allowed.join('|')})/)`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules that import each other, directly or round a loop, cannot be understood or tested apart.',
      severity: 'error',
      from: { path: '^src/' },
      // A loop closed only by type imports runs no code in a circle (types vanish when compiled).
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-is-the-ground',
      comment: 'src/core depends on nothing outside itself: it runs unchanged in the editor, the CLI and CI.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: outside('core') },
    },
    {
      name: 'store-stands-on-core',
      comment: 'The store (durable writes, file access) uses only the core.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: outside('core', 'store') },
    },
    {
      name: 'store-through-its-entry',
      comment:
        'Everything outside the store reaches it through src/store/index.ts only: what it writes, and how, is one ' +
        'short list, and its modules can be split or merged without touching a caller.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '^src/store/', pathNot: '^src/store/index[.]ts$' },
    },
    {
      name: 'salesforce-is-an-adapter',
      comment: 'The Salesforce layer uses the core and the store, never a use case or a face.',
      severity: 'error',
      from: { path: '^src/salesforce/' },
      to: { path: outside('core', 'store', 'salesforce') },
    },
    {
      name: 'emulator-is-an-adapter',
      comment: 'The emulator uses the core and the store; it may name the Salesforce layer\'s types (a session over it), nothing more.',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: outside('core', 'store', 'emulator', 'salesforce') },
    },
    {
      name: 'emulator-names-only-salesforce-types',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^src/salesforce/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'use-cases-serve-faces',
      comment: 'Use cases (app, runner) never reach up to a face; the runner does not call app, which calls it.',
      severity: 'error',
      from: { path: '^src/(app|runner)/' },
      to: { path: '^src/(cli|vscode)/' },
    },
    {
      name: 'runner-below-app',
      severity: 'error',
      from: { path: '^src/runner/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'faces-use-the-salesforce-entry',
      comment:
        'The faces and the use cases they call reach the Salesforce layer through src/salesforce/index.ts only, ' +
        'so its modules can be split, merged or renamed without touching a command, and what it offers is one list.',
      severity: 'error',
      from: { path: '^src/(cli|vscode|app)/' },
      to: { path: '^src/salesforce/', pathNot: '^src/salesforce/index[.]ts$' },
    },
    {
      name: 'faces-apart',
      comment: 'The CLI and the editor share use cases, not each other.',
      severity: 'error',
      from: { path: '^src/(cli|vscode)/' },
      to: { path: '^src/(cli|vscode)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '^(node_modules|dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
