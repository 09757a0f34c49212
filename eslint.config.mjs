// Lint rules for the whole project. The import restriction on src/core keeps the core pure:
// it must run unchanged in the editor, the CLI and CI, so it may not reach for vscode or I/O.
import tseslint from 'typescript-eslint';
import noFileWrites from './eslint/no-file-writes.mjs';

/**
 * The only files outside src/store that may write, each for a write that is not one of the job's
 * (`.sfjob/`, the output, the sample): everything else writes through the store (src/store/index.ts).
 */
const writersOutsideTheStore = {
  // The --output file a person names for the check's report, written where they asked, like a shell redirect.
  'src/cli/commands/validate.ts': 'validate --output',
  'src/cli/commands/validate-query.ts': 'validate-query --output',
  // `sfjob validate --fix` edits the job file itself in place (keeping its links and mode), at the person's request.
  'src/cli/commands/validate-fix.ts': 'validate --fix',
  // The sfjob launcher for the editor's terminals, in the extension's own storage folder, not in a workspace.
  'src/vscode/terminal/launcher.ts': 'terminal launcher',
  // Credentials live in the person's own config folder (mode 0600), never in a workspace: they are no job's.
  'src/salesforce/secrets/credentials-file.ts': 'credentials file',
  // Editor commands that create the person's own source files at their request: a connections file
  // template, a new job from a template, the bundled examples copied into an empty folder.
  'src/vscode/online/org-failure.ts': 'connections file template',
  'src/vscode/commands.ts': 'New Job',
  'src/vscode/walkthrough/open-examples.ts': 'example files',
};

const ioModules = ['fs', 'fs/promises', 'net', 'http', 'https', 'child_process', 'dgram', 'dns', 'tls', 'http2', 'os', 'worker_threads', 'cluster', 'readline', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'examples/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not import vscode: pass what it needs in.' },
          ...ioModules.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'src/core does no I/O: pass files, clocks and sources in.' }))],
        patterns: [{ group: ['**/salesforce/**', '**/vscode/**', '**/cli/**', '**/emulator/**', 'jsforce', 'jsforce/*'], message: 'src/core depends on nothing outside the core.' }],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core reads no environment.' }, { name: 'fetch', message: 'src/core does no I/O.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', ...Object.keys(writersOutsideTheStore)],
    plugins: { sfjob: { rules: { 'no-file-writes': noFileWrites } } },
    rules: { 'sfjob/no-file-writes': 'error' },
  },
);
