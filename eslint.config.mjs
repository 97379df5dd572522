// typescript-eslint, type-aware. Besides the recommended rules: promises are awaited or handled
// (an unhandled rejection in the language server is a crash or a silent loss), and the layers
// keep to what they may import (docs/architecture.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LSP = [
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageserver-protocol',
  'vscode-languageserver-protocol/*',
  'vscode-languageserver-textdocument',
  'vscode-languageclient',
  'vscode-languageclient/*',
  'vscode-jsonrpc',
  'vscode-jsonrpc/*',
];
const vscodeOnlyInClient = { name: 'vscode', message: 'Only src/client may import vscode.' };
const layer = (dirs, why) => ({ regex: `^(\\.\\./)+(${dirs.join('|')})(/|$)`, message: why });

export default tseslint.config(
  // What git ignores (downloads, builds, code-server installs), and test fixtures.
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'models/**',
      'test/fixtures/**',
      '.vscode-test/**',
      '.e2e/**',
      '.bench-models/**',
      'bench/results/**',
      '**/.consistency/cache/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Escaping terminal and log output is a job of this code: its patterns and tests name control
    // characters on purpose.
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Functions these scripts hand to Playwright run in the browser.
    files: ['scripts/e2e/**/*.mjs'],
    languageOptions: { globals: globals.browser },
  },
  // The layers (see docs/architecture.md).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/client/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeOnlyInClient] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeOnlyInClient],
          patterns: [
            { group: LSP, message: 'src/core is editor-independent: no LSP packages.' },
            layer(['server', 'client', 'cli', 'common'], 'src/core imports only src/core and libraries.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    ignores: ['src/common/protocol.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeOnlyInClient],
          patterns: [
            {
              group: LSP,
              message:
                'Only protocol.ts may load the LSP packages: the CLI and the light half of the client import these modules.',
            },
            { regex: '^\\.\\./', message: 'settings, commands and constants are dependency-free.' },
            { regex: '^\\./protocol$', message: 'protocol.ts loads vscode-languageserver-protocol.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeOnlyInClient],
          patterns: [
            { group: LSP, message: 'The CLI loads no LSP packages (`serve` runs dist/server.js).' },
            layer(
              ['server', 'client'],
              'The CLI uses src/core and src/common (not protocol.ts); `serve` runs dist/server.js.',
            ),
            { regex: '(^|/)common/protocol$', message: 'protocol.ts loads vscode-languageserver-protocol.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeOnlyInClient],
          patterns: [layer(['client', 'cli'], 'The server does not import the client or the CLI.')],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer(['server', 'cli'], 'The client talks to the server over LSP only.')] },
      ],
    },
  },
);
