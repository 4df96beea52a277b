/**
 * The export dialog: choose a format, read what it cannot express, preview every file in a
 * read-only editor, copy one, download them all as a zip. The files come from the pure exporters
 * in `src/formats`; this component only shows them.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { exportDocument, zipFiles, type ExportFormat } from '../../formats';
import { documentStore, flushPendingEdits } from '../../store/document-store';
import { notify } from '../../store/ui-store';
import { errorLocation } from '../dialogs/import-errors-dialog';
import { Modal } from '../dialogs/dialog-host';
import { downloadBlob } from '../io/download';
import './export.css';

const FilePreview = lazy(() => import('./preview'));

const FORMATS: readonly { id: ExportFormat; label: string; help: string }[] = [
  { id: 'flux', label: 'Storm project', help: 'A Maven project for Storm 2.8: flux.yaml, pom.xml, the components and their runtimes. mvn -q package; storm jar … org.apache.storm.flux.Flux' },
  { id: 'petrel', label: 'Petrel project', help: 'For Petrel on legacy clusters (Python 2.7, Storm 0.9–1.x): create.py, topology.yaml and a module per component; petrel submit' },
  { id: 'json', label: 'JSON document', help: 'The Storm Studio document, to open again here' },
];

export default function ExportDialog({ props, close }: { props: unknown; close: () => void }) {
  const initial = (props as { format?: ExportFormat } | undefined)?.format ?? 'flux';
  const [format, setFormat] = useState<ExportFormat>(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const doc = useMemo(() => {
    flushPendingEdits();
    return documentStore.getState().doc;
  }, []);
  const result = useMemo(() => exportDocument(doc, format), [doc, format]);
  const files = result.ok ? result.value.files : [];
  const current = files.find((f) => f.path === selected) ?? files[0];

  const copy = async () => {
    if (!current) return;
    try {
      await navigator.clipboard.writeText(current.content);
      notify(`Copied ${current.path}.`, 'success');
    } catch {
      notify('The browser did not allow copying to the clipboard.', 'error');
    }
  };
  const download = () => {
    if (!result.ok) return;
    const bundle = result.value;
    if (bundle.format === 'json') {
      downloadBlob(bundle.files[0]!.path, bundle.files[0]!.content, 'application/json');
      notify(`Saved ${bundle.files[0]!.path} to your downloads.`, 'success');
      return;
    }
    const name = `${bundle.folder}${bundle.format === 'petrel' ? '-petrel' : ''}.zip`;
    downloadBlob(name, zipFiles(bundle.files, bundle.folder, new Date()), 'application/zip');
    notify(`Saved ${name} to your downloads.`, 'success');
  };

  return (
    <Modal
      title={`Export ${doc.name}`}
      testId="dialog.export"
      wide
      onClose={close}
      footer={
        <>
          <button type="button" className="btn" data-testid="export.copy" disabled={!current} onClick={() => void copy()}>
            Copy file
          </button>
          <button type="button" className="btn btn-primary" data-testid="export.download" data-autofocus disabled={!result.ok} onClick={download}>
            {format === 'json' ? 'Download .json' : 'Download .zip'}
          </button>
        </>
      }
    >
      <div className="export-formats">
        <div className="segmented" role="radiogroup" aria-label="Format">
          {FORMATS.map((f) => (
            <button
              key={f.id}
              type="button"
              role="radio"
              aria-checked={format === f.id}
              className={format === f.id ? 'is-on' : ''}
              data-testid={`export.format.${f.id}`}
              onClick={() => {
                setFormat(f.id);
                setSelected(null);
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
        <span className="export-format-help">{FORMATS.find((f) => f.id === format)!.help}</span>
      </div>
      {!result.ok ? (
        <ul className="export-errors" data-testid="export.errors">
          {result.errors.map((e, i) => (
            <li key={i}>
              {errorLocation(e) ? <code>{errorLocation(e)}</code> : null}
              <span>{e.message}</span>
            </li>
          ))}
        </ul>
      ) : result.value.warnings.length > 0 ? (
        <ul className="export-warnings" data-testid="export.warnings" aria-label="What this format cannot express">
          {result.value.warnings.map((w, i) => (
            <li key={i} data-code={w.code}>
              <code>{w.code}</code>
              <span>{w.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {current ? (
        <div className="export-files">
          <div className="export-file-list" role="tablist" aria-label="Files" data-testid="export.files">
            {files.map((f) => (
              <button key={f.path} type="button" role="tab" aria-selected={f === current} data-testid={`export.file.${f.path}`} title={f.path} onClick={() => setSelected(f.path)}>
                {/* A long folder gives way before the file name does. */}
                <span className="export-file-dir">{f.path.slice(0, f.path.lastIndexOf('/') + 1)}</span>
                <span className="export-file-name">{f.path.slice(f.path.lastIndexOf('/') + 1)}</span>
              </button>
            ))}
          </div>
          <div className="export-preview" role="tabpanel" aria-label={current.path}>
            <Suspense fallback={<p className="export-preview-loading">Loading the preview…</p>}>
              <FilePreview path={current.path} content={current.content} />
            </Suspense>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
