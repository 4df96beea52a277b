import { useState } from 'react';
import { GALLERY, groupingLabel, withLanguage, type Language } from '../../model';
import { moveComponents } from '../../model/operations';
import { loadDocument } from '../../store/actions';
import { layoutPositions } from '../canvas/auto-layout';
import { notify } from '../../store/ui-store';
import { Icon } from '../shell/icons';
import { Modal } from './dialog-host';

function summary(id: string) {
  const doc = GALLERY.find((e) => e.id === id)!.create();
  const spouts = doc.components.filter((c) => c.kind === 'spout').length;
  const groupings = [...new Set(doc.subscriptions.map((s) => groupingLabel(s.grouping).replace(/\(.*\)/, '')))];
  return { spouts, bolts: doc.components.length - spouts, groupings };
}

/** The examples gallery; opening one replaces the document (one Undo brings the previous back). */
export function ExamplesDialog({ close }: { props: unknown; close: () => void }) {
  const [language, setLanguage] = useState<Language>('python');
  const open = async (id: string) => {
    const example = GALLERY.find((e) => e.id === id)!;
    const doc = withLanguage(example.create(), language);
    // Laid out for the canvas's node sizes (the examples' own positions assume narrower nodes).
    const laidOut = await layoutPositions(doc, new Map()).then(
      (positions) => moveComponents(doc, positions),
      () => doc,
    );
    loadDocument(laidOut);
    close();
    notify(`Opened the ${example.title} example. Undo (Ctrl+Z) brings your previous topology back.`, 'success');
  };
  return (
    <Modal title="Examples" testId="dialog.examples" wide onClose={close}>
      <div className="examples-toolbar">
        <span>Component code in</span>
        <div className="segmented" role="radiogroup" aria-label="Language">
          {(['python', 'javascript'] as const).map((l) => (
            <button key={l} type="button" role="radio" aria-checked={language === l} className={language === l ? 'is-on' : ''} data-testid={`examples.language.${l}`} onClick={() => setLanguage(l)}>
              {l === 'python' ? 'Python (Petrel)' : 'JavaScript'}
            </button>
          ))}
        </div>
      </div>
      <div className="examples">
        {GALLERY.map((e) => {
          const s = summary(e.id);
          return (
            <button key={e.id} type="button" className="example-card" data-testid={`examples.open.${e.id}`} onClick={() => void open(e.id)}>
              <span className="example-title">{e.title}</span>
              <span className="example-description">{e.description}</span>
              <span className="example-stats">
                <span className="example-stat is-spout">
                  <Icon name="spout" size={12} /> {s.spouts} spout{s.spouts === 1 ? '' : 's'}
                </span>
                <span className="example-stat is-bolt">
                  <Icon name="bolt" size={12} /> {s.bolts} bolts
                </span>
                <span className="example-groupings mono">{s.groupings.join(' · ')}</span>
              </span>
            </button>
          );
        })}
      </div>
      <p className="modal-note">Opening an example replaces the current topology; Undo brings it back.</p>
    </Modal>
  );
}
