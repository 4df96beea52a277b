import { Suspense, useState } from 'react';
import { readDeclaredFields, readTickFrequency } from '../../model/code-sync';
import { useDocumentStore } from '../../store/document-store';
import { selectComponent } from '../../store/selectors';
import { selectSingleComponent, useUi } from '../../store/ui-store';
import { Icon } from '../shell/icons';
import { LazyCodeEditor } from './lazy';
import './editor.css';

const FILE_EXTENSION = { python: 'py', javascript: 'js' } as const;

function SyncStatus({ code, language }: { code: string; language: 'python' | 'javascript' }) {
  const fields = readDeclaredFields(code, language);
  const tick = readTickFrequency(code, language);
  return (
    <span className="code-sync" data-testid="editor.sync">
      <span className={fields ? 'is-synced' : 'is-manual'} title={fields ? 'declareOutputFields() is read into the default stream' : 'declareOutputFields() is not a plain list: the designer cannot read it'}>
        <Icon name={fields ? 'check' : 'warning'} size={12} /> declareOutputFields
      </span>
      <span className={tick.kind !== 'unreadable' ? 'is-synced' : 'is-manual'} title="getComponentConfiguration() and the tick frequency">
        <Icon name={tick.kind !== 'unreadable' ? 'check' : 'warning'} size={12} /> getComponentConfiguration
      </span>
    </span>
  );
}

/** The "Code" dock tab: Monaco on the selected component's code (loaded on first use). */
export function CodePanel() {
  const id = useUi(selectSingleComponent);
  const component = useDocumentStore(selectComponent(id));
  // Load Monaco only once there is something to edit; keep it loaded afterwards.
  const [wanted, setWanted] = useState(false);
  if (component && !wanted) setWanted(true);
  return (
    <div className="code-panel">
      {component ? (
        <div className="code-panel-header">
          <span className={`code-file is-${component.kind}`}>
            <Icon name={component.kind} size={13} />
            <span className="mono" data-testid="editor.file">
              {component.id}.{FILE_EXTENSION[component.language]}
            </span>
          </span>
          <span className="code-language">{component.language === 'python' ? 'Python · Petrel API' : 'JavaScript'}</span>
          <SyncStatus code={component.code[component.language] ?? ''} language={component.language} />
        </div>
      ) : null}
      <div className="code-panel-body">
        {wanted ? (
          <Suspense fallback={<div className="code-loading">Loading the editor…</div>}>
            <LazyCodeEditor componentId={component ? component.id : null} />
          </Suspense>
        ) : null}
        {component ? null : (
          <div className="code-empty" data-testid="editor.empty">
            <Icon name="code" size={20} />
            <p>Select a spout or bolt to edit its code.</p>
          </div>
        )}
      </div>
    </div>
  );
}
