import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiLibraries = ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/react', 'zustand', 'zustand/*', 'zundo', 'monaco-editor', 'monaco-editor/*'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public', '.venv', 'src/formats/__golden__', 'storm/**/target'] },
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
    // Page code runs on the UI thread: it may name worker code's types, never load worker code
    // (what both need, such as the Python parser, lives in a pure module under src/).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/store/test-kit.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/workers/**'], allowTypeImports: true, message: 'Page code may import workers/ with `import type` only; move what both need to a pure module under src/.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/(^|\\/)workers\\//]', message: 'Page code may not load workers/ code; start a worker with new Worker(new URL(…)) instead.' },
      ],
    },
  },
  {
    // The pure core: runs in Node (tests, CLI, benchmarks) and in Web Workers.
    files: ['src/model/**', 'src/engine/**', 'src/formats/**', 'src/python/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibraries, message: 'src/model, src/engine, src/formats and src/python must stay independent of UI libraries.' },
            { group: ['**/ui/**', '**/store/**', '**/sim-client/**', '**/workers/**'], message: 'The pure core may not import the UI, stores or workers.' },
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
    // The one home of Python knowledge sits below everything else: model, engine, formats, the page
    // and the workers import it, so it imports nothing of the app (no cycle can form through it).
    files: ['src/python/**'],
    ignores: ['src/python/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibraries, message: 'src/python must stay independent of UI libraries.' },
            { group: ['../**', '**/workers/**'], message: 'src/python imports nothing of the app: the rest of the app imports it.' },
          ],
        },
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
