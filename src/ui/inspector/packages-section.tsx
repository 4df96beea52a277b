import { useRef, useState } from 'react';
import { decodedLength } from '../../python/wheels';
import { useDocumentStore } from '../../store/document-store';
import { addPackageFiles, removePackage, type PackageFile } from '../../store/packages';
import { selectDocument } from '../../store/selectors';
import { Icon } from '../shell/icons';
import { Section } from './fields';

const kb = (n: number) => (n < 1048576 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);

/**
 * The topology's Python packages: pure-Python wheels the document keeps, installed into every
 * worker's Python before a run and shipped in the export. Add by picking or dropping a .whl.
 */
export function PackagesSection() {
  const doc = useDocumentStore(selectDocument);
  const packages = doc.packages ?? [];
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const add = async (files: readonly PackageFile[]) => setProblems(await addPackageFiles(files));
  return (
    <Section
      title="Python packages"
      testId="settings.packages"
      aside={
        <button type="button" className="btn btn-sm" data-testid="settings.packages.add" onClick={() => input.current?.click()}>
          <Icon name="plus" size={14} /> Add wheel…
        </button>
      }
    >
      <div
        className={`packages-drop${over ? ' is-over' : ''}`}
        data-testid="settings.packages.drop"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          if (!e.dataTransfer.files.length) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          void add([...e.dataTransfer.files]);
        }}
      >
        {packages.length === 0 ? (
          <p className="muted">
            Pure-Python packages (nltk, geotext…) from a wheel file (<code>*-py3-none-any.whl</code>, e.g. from PyPI or <code>pip wheel</code>): drop it here.
            They are installed offline into every worker&apos;s Python before a run and shipped in the export.
          </p>
        ) : (
          <ul className="packages-list">
            {packages.map((p) => (
              <li key={p.file} data-testid="settings.packages.item">
                <span className="mono">{p.file}</span>
                <span className="muted">
                  {' '}
                  {kb(decodedLength(p.data))} · import {p.modules.join(', ')}
                </span>
                <button type="button" className="btn btn-icon btn-sm btn-danger" aria-label={`Remove ${p.file}`} data-testid="settings.packages.remove" onClick={() => removePackage(p.file)}>
                  <Icon name="close" size={14} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {problems.map((m) => (
        <div key={m} className="field-error" role="alert" data-testid="settings.packages.error">
          {m}
        </div>
      ))}
      <input
        ref={input}
        type="file"
        accept=".whl"
        multiple
        hidden
        data-testid="settings.packages.input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void add(files);
        }}
      />
    </Section>
  );
}
