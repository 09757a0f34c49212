// Lint rules for the whole project. The import restriction on src/core keeps the core pure:
// it must run unchanged in the editor, the CLI and CI, so it may not reach for vscode or I/O.
import tseslint from 'typescript-eslint';

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
);
