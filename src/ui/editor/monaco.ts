/**
 * Monaco, core only: the editor API, the features a code editor needs, and the Python and
 * JavaScript tokenizers. Importing the package root would pull the TypeScript, CSS, HTML and JSON
 * language services (about 14 MB); see STACK.md trap 3 for the import paths. This module is only
 * reached through `React.lazy`, so the first paint never waits for it.
 */
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/javascript/register';
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { monacoLoaded } from './extensions';

// Python and JavaScript need no language worker; the editor worker computes diffs and links.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.editor.defineTheme('storm-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#a4adba', 'editorGutter.background': '#ffffff' },
});
monaco.editor.defineTheme('storm-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#141a23', 'editorLineNumber.foreground': '#4b5668', 'editorGutter.background': '#141a23' },
});

monacoLoaded(monaco);

export { monaco };
