/** The Monaco editor for the selected component's code. Loaded lazily (see `lazy.ts`). */
import { useEffect, useRef } from 'react';
import { selectTheme, useUi } from '../../store/ui-store';
import { EditorBinding } from './editor-binding';
import { monaco } from './monaco';

export const EDITOR_FONT = "'JetBrains Mono', 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

export default function CodeEditor({ componentId }: { componentId: string | null }) {
  const host = useRef<HTMLDivElement>(null);
  const binding = useRef<EditorBinding | null>(null);
  const view = useRef<ReturnType<typeof monaco.editor.create> | null>(null);
  const theme = useUi(selectTheme);

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      fontFamily: EDITOR_FONT,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      padding: { top: 10, bottom: 10 },
      fixedOverflowWidgets: true,
      tabSize: 4,
      insertSpaces: true,
      smoothScrolling: true,
      ariaLabel: 'Component code',
    });
    view.current = editor;
    const b = new EditorBinding(monaco, editor);
    binding.current = b;
    return () => {
      b.dispose();
      binding.current = null;
      editor.dispose();
    };
  }, []);

  useEffect(() => {
    // A line asked for by a problem or a test's traceback (revealInEditor) is shown by the binding.
    binding.current?.show(componentId);
  }, [componentId]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'storm-dark' : 'storm-light');
  }, [theme]);

  // `nokey`: React Flow listens to keys on the whole document (Space pans, Backspace deletes
  // the selected node); inside the editor those keys belong to the text (STACK.md trap 2).
  return <div ref={host} className="code-editor-host nokey" data-testid="editor.monaco" />;
}
