/**
 * Monaco tokenizers for the exported files that are neither Python nor JavaScript. Imported only
 * with the preview (see `preview.tsx`), so they load with Monaco, never before.
 */
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/ini/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/xml/register';

/** The Monaco language of an exported file. */
export function languageOf(path: string): string {
  if (path.endsWith('.py')) return 'python';
  if (/\.(m?js|json)$/.test(path)) return 'javascript';
  if (path.endsWith('.xml')) return 'xml';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (path.endsWith('.ini')) return 'ini';
  if (path.endsWith('.sh')) return 'shell';
  if (path.endsWith('.md')) return 'markdown';
  return 'plaintext';
}
