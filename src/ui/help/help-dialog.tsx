/**
 * The help dialog (F1 or ?): every keyboard shortcut, generated from the command registry, and
 * the user docs rendered in the app from its own files.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { commandView, useCommands, type Command } from '../commands/registry';
import { Modal } from '../dialogs/dialog-host';
import { DOCS, loadDoc } from './docs';
import { parseMarkdown, type Block } from './markdown';
import { MarkdownView } from './markdown-view';
import './help.css';

export interface HelpProps {
  /** A doc to open (its id), or none for the shortcuts. */
  readonly doc?: string;
  readonly anchor?: string | null;
}

const GROUPS = ['file', 'edit', 'view', 'run', 'help'];
const GROUP_TITLE: Record<string, string> = { file: 'File', edit: 'Edit', view: 'View', run: 'Run', help: 'Help' };

function Shortcuts() {
  const commands = useCommands();
  const withKeys = commands.filter((c) => c.shortcut);
  const groups = [...new Set(withKeys.map((c) => c.group))].sort((a, b) => {
    const i = (g: string) => (GROUPS.includes(g) ? GROUPS.indexOf(g) : GROUPS.length);
    return i(a) - i(b) || a.localeCompare(b);
  });
  const row = (c: Command) => (
    <tr key={c.id} data-testid={`help.shortcut.${c.id}`} data-command={c.id} data-shortcut={c.shortcut}>
      <td className="help-keys">
        {c.shortcut!.split(' or ').map((keys, i) => (
          <span key={i}>
            {i > 0 ? ' or ' : null}
            {keys.split('+').map((k, j) => (
              <span key={j}>
                {j > 0 ? '+' : null}
                <kbd>{k}</kbd>
              </span>
            ))}
          </span>
        ))}
      </td>
      <td className="help-command">{c.label}</td>
      <td className="help-what">{commandView(c).description ?? ''}</td>
    </tr>
  );
  return (
    <div data-testid="help.shortcuts">
      <h1>Keyboard shortcuts</h1>
      <p className="help-note">
        Every command is also in the toolbar's <strong>⋯</strong> menu. Shortcuts with letters do nothing while you type in a field or the code editor, except the ones
        that save, open, export and run.
      </p>
      {groups.map((g) => (
        <section key={g}>
          <h2>{GROUP_TITLE[g] ?? g}</h2>
          <table className="help-table">
            <tbody>{withKeys.filter((c) => c.group === g).map(row)}</tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function DocArticle({ id, anchor, openDoc }: { id: string; anchor: string | null; openDoc: (id: string, anchor: string | null) => void }) {
  const [loaded, setLoaded] = useState<{ id: string; blocks: readonly Block[] } | { id: string; error: string } | null>(null);
  const article = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    loadDoc(id).then(
      (text) => live && setLoaded({ id, blocks: parseMarkdown(text) }),
      (e: unknown) => live && setLoaded({ id, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const ready = loaded !== null && loaded.id === id;
  useEffect(() => {
    if (!ready) return;
    const target = anchor ? article.current?.querySelector(`#doc-${CSS.escape(anchor)}`) : null;
    if (target) target.scrollIntoView({ block: 'start' });
    else article.current?.parentElement?.scrollTo({ top: 0 });
  }, [ready, id, anchor]);
  const entry = DOCS.find((d) => d.id === id);
  const context = useMemo(() => ({ path: entry?.path ?? 'README.md', openDoc }), [entry, openDoc]);
  return (
    <article ref={article} className="doc" data-testid="help.doc-view" data-doc={id}>
      {!ready ? <p className="help-note">Loading…</p> : 'error' in loaded ? <p className="help-error">{loaded.error}</p> : <MarkdownView doc={loaded.blocks} context={context} />}
    </article>
  );
}

export default function HelpDialog({ props, close }: { props: unknown; close: () => void }) {
  const initial = (props ?? {}) as HelpProps;
  const [page, setPage] = useState<{ doc: string | null; anchor: string | null }>({ doc: initial.doc ?? null, anchor: initial.anchor ?? null });
  const openDoc = useMemo(() => (doc: string, anchor: string | null) => setPage({ doc, anchor }), []);
  return (
    <Modal title="Help" testId="dialog.help" className="is-help" onClose={close}>
      <div className="help">
        <nav className="help-nav" aria-label="Help topics">
          <button type="button" className={`help-topic ${page.doc === null ? 'is-current' : ''}`} aria-current={page.doc === null ? 'page' : undefined} data-testid="help.topic.shortcuts" onClick={() => setPage({ doc: null, anchor: null })}>
            Keyboard shortcuts
          </button>
          <div className="help-nav-heading">Documentation</div>
          {DOCS.map((d) => (
            <button
              key={d.id}
              type="button"
              className={`help-topic ${page.doc === d.id ? 'is-current' : ''}`}
              aria-current={page.doc === d.id ? 'page' : undefined}
              data-testid={`help.doc.${d.id}`}
              title={d.path}
              onClick={() => setPage({ doc: d.id, anchor: null })}
            >
              {d.title}
            </button>
          ))}
        </nav>
        <div className="help-content">{page.doc === null ? <Shortcuts /> : <DocArticle id={page.doc} anchor={page.anchor} openDoc={openDoc} />}</div>
      </div>
    </Modal>
  );
}
