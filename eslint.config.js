import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiLibraries = ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/react', 'zustand', 'zustand/*', 'zundo', 'monaco-editor', 'monaco-editor/*'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public', 'src/formats/__golden__', 'storm/**/target'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}', 'storm/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The pure core: runs in Node (tests, CLI, benchmarks) and in Web Workers.
    files: ['src/model/**', 'src/engine/**', 'src/formats/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibraries, message: 'src/model, src/engine and src/formats must stay independent of UI libraries.' },
            { group: ['**/ui/**', '**/store/**', '**/sim-client/**', '../../workers/**'], message: 'The pure core may not import the UI, stores or workers.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'The pure core has no DOM.' },
        { name: 'document', message: 'The pure core has no DOM.' },
        { name: 'self', message: 'The pure core has no Worker API.' },
        { name: 'postMessage', message: 'The pure core has no Worker API.' },
        { name: 'localStorage', message: 'The pure core has no DOM.' },
      ],
    },
  },
  {
    files: ['src/engine/**'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject randomness (a seeded RNG) so a seed replays a run.' },
        { object: 'Date', property: 'now', message: 'Inject the clock so virtual time stays deterministic.' },
      ],
    },
  },
  {
    files: ['scripts/**', 'e2e/**', 'storm/**', '*.config.{js,ts}', 'workers/**/*.test.ts', 'src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
