/**
 * A read-only code view (for previews such as exported files). Loaded lazily (see `lazy.ts`).
 * Languages other than Python and JavaScript show as plain text unless a part registers them
 * with `registerMonacoSetup`.
 */
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import { selectTheme, useUi } from '../../store/ui-store';
import { EDITOR_FONT } from './code-editor';
import { monaco } from './monaco';

export interface CodeViewProps {
  readonly value: string;
  /** A Monaco language id: `python`, `javascript`, or one a part registered. */
  readonly language: string;
  readonly testId?: string;
}

export default function CodeView({ value, language, testId }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const theme = useUi(selectTheme);

  useEffect(() => {
    const e = monaco.editor.create(host.current!, {
      value: '',
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12.5,
      fontFamily: EDITOR_FONT,
      scrollBeyondLastLine: false,
      domReadOnly: true,
      renderLineHighlight: 'none',
    });
    editor.current = e;
    return () => {
      e.getModel()?.dispose();
      e.dispose();
    };
  }, []);

  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const known = monaco.languages.getLanguages().some((l) => l.id === language);
    const old = e.getModel();
    e.setModel(monaco.editor.createModel(value, known ? language : 'plaintext'));
    old?.dispose();
  }, [value, language]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'storm-dark' : 'storm-light');
  }, [theme]);

  return <div ref={host} className="code-view-host nokey" data-testid={testId} />;
}
