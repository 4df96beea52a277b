/**
 * Renders a parsed Markdown doc ({@link parseMarkdown}) with React: text is always text. Links
 * to other docs open them in the help dialog, web addresses open in a new tab, links to other
 * files of the repository are shown as their path; images are the app's own files.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { docImageUrl, resolveDocLink } from './docs';
import type { Block, Inline } from './markdown';

export interface DocContext {
  /** The doc's path in the repository (links and images are relative to it). */
  readonly path: string;
  readonly openDoc: (id: string, anchor: string | null) => void;
}

function DocImage({ src, alt, context }: { src: string; alt: string; context: DocContext }) {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void docImageUrl(src, context.path).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [src, context.path]);
  if (url === null) return <span className="doc-missing">[{alt}]</span>;
  return url === undefined ? <span className="doc-image-wait" /> : <img className="doc-image" src={url} alt={alt} loading="lazy" />;
}

function inlines(list: readonly Inline[], context: DocContext): ReactNode[] {
  return list.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{inlines(node.children, context)}</strong>;
      case 'em':
        return <em key={i}>{inlines(node.children, context)}</em>;
      case 'image':
        return <DocImage key={i} src={node.src} alt={node.alt} context={context} />;
      case 'link': {
        const target = resolveDocLink(node.href, context.path);
        const children = inlines(node.children, context);
        if (target.kind === 'external') {
          return (
            <a key={i} href={target.href} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          );
        }
        if (target.kind === 'file') {
          return (
            <span key={i} className="doc-file" title={`${target.path} (a file of the project, not shown here)`}>
              {children}
            </span>
          );
        }
        return (
          <a
            key={i}
            href={node.href}
            onClick={(e) => {
              e.preventDefault();
              context.openDoc(target.id, target.anchor);
            }}
          >
            {children}
          </a>
        );
      }
    }
  });
}

function block(b: Block, key: number, context: DocContext): ReactNode {
  switch (b.kind) {
    case 'heading': {
      const H = `h${Math.min(6, b.level)}` as 'h1';
      return (
        <H key={key} id={`doc-${b.id}`}>
          {inlines(b.children, context)}
        </H>
      );
    }
    case 'paragraph':
      return <p key={key}>{inlines(b.children, context)}</p>;
    case 'code':
      return (
        <pre key={key} className="doc-code">
          <code>{b.text}</code>
        </pre>
      );
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{blocks(item, context)}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{blocks(b.children, context)}</blockquote>;
    case 'rule':
      return <hr key={key} />;
    case 'table':
      return (
        <div key={key} className="doc-table">
          <table>
            <thead>
              <tr>
                {b.head.map((cell, i) => (
                  <th key={i} style={b.align[i] ? { textAlign: b.align[i]! } : undefined}>
                    {inlines(cell, context)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} style={b.align[i] ? { textAlign: b.align[i]! } : undefined}>
                      {inlines(cell, context)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function blocks(list: readonly Block[], context: DocContext): ReactNode[] {
  return list.map((b, i) => block(b, i, context));
}

export function MarkdownView({ doc, context }: { doc: readonly Block[]; context: DocContext }) {
  return <>{blocks(doc, context)}</>;
}
