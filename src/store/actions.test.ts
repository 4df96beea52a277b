import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES, err, ok, serializeDocument } from '../model';
import { addComponentAt, connectComponents, copySelection, deleteSelection, IMPORT_ERRORS_DIALOG, openFiles, pasteClipboard, renameComponentTo, type ImportErrorsProps } from './actions';
import { documentStore, resetDocument, undo } from './document-store';
import { registerImporter } from './importers';
import { DEFAULT_UI, select, uiStore } from './ui-store';

const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });
const doc = () => documentStore.getState().doc;

beforeEach(() => {
  resetDocument(documentStore, EXAMPLES[0]!.create());
  uiStore.setState(DEFAULT_UI, true);
});
afterEach(() => {
  uiStore.setState(DEFAULT_UI, true);
});

describe('openFiles', () => {
  it('opens a .json document, and undo brings the previous one back', async () => {
    const before = doc();
    const r = await openFiles([file('tour.json', serializeDocument(EXAMPLES[2]!.create()))]);
    expect(r.ok).toBe(true);
    expect(doc().name).toBe('groupings-tour');
    expect(uiStore.getState().dialog).toBeNull();
    undo();
    expect(doc()).toBe(before);
  });

  it('rejects malformed JSON with the file and line, leaving the document untouched', async () => {
    const before = doc();
    const r = await openFiles([file('broken.json', '{\n  "version": 2,\n  "name": "x",\n  "components": [\n}\n')]);
    expect(r.ok).toBe(false);
    expect(doc()).toBe(before);
    const dialog = uiStore.getState().dialog!;
    expect(dialog.id).toBe(IMPORT_ERRORS_DIALOG);
    const props = dialog.props as ImportErrorsProps;
    expect(props.title).toBe('Could not open broken.json');
    expect(props.errors[0]).toMatchObject({ file: 'broken.json', line: 5 });
    expect(props.errors[0]!.message).toMatch(/^Not valid JSON \(line 5/);
  });

  it('rejects a document of an unknown version', async () => {
    const before = doc();
    const future = { ...JSON.parse(serializeDocument(EXAMPLES[0]!.create())), version: 99 };
    const r = await openFiles([file('future.json', JSON.stringify(future, null, 2))]);
    expect(r.ok).toBe(false);
    expect(doc()).toBe(before);
    const props = uiStore.getState().dialog!.props as ImportErrorsProps;
    expect(props.errors[0]).toMatchObject({ file: 'future.json', line: 2 });
    expect(props.errors[0]!.message).toMatch(/version 99, written by a newer Storm Studio/);
  });

  it('rejects a document of the wrong shape, naming the path', async () => {
    const bad = JSON.parse(serializeDocument(EXAMPLES[0]!.create()));
    bad.components[1].parallelism = 'two';
    const r = await openFiles([file('shape.json', JSON.stringify(bad, null, 2))]);
    expect(r.ok).toBe(false);
    const props = uiStore.getState().dialog!.props as ImportErrorsProps;
    expect(props.errors[0]!.path).toBe('components[1].parallelism');
    expect(props.errors[0]!.line).toBeGreaterThan(1);
  });

  it('says which files it cannot open', async () => {
    const r = await openFiles([file('notes.txt', 'hello')]);
    expect(r.ok).toBe(false);
    expect((uiStore.getState().dialog!.props as ImportErrorsProps).errors[0]!.message).toBe(
      'Storm Studio cannot open notes.txt. It opens: Storm Studio document (.json).',
    );
  });

  it('asks importers registered later first, and reports one that throws', async () => {
    const unregister = registerImporter({
      id: 'test-yaml',
      label: 'Test YAML (.yaml)',
      extensions: ['.yaml'],
      accepts: (names) => names.some((n) => n.endsWith('.yaml')),
      import: async (files) => {
        const text = await files[0]!.text();
        if (text === 'boom') throw new Error('exploded');
        return text === 'ok' ? ok(EXAMPLES[1]!.create()) : err([{ message: 'bad yaml', file: files[0]!.name, line: 3 }]);
      },
    });
    try {
      expect((await openFiles([file('a.yaml', 'ok')])).ok).toBe(true);
      expect(doc().name).toBe('rolling-top-words');
      const before = doc();
      expect(await openFiles([file('a.yaml', 'nope')])).toEqual({ ok: false, errors: [{ message: 'bad yaml', file: 'a.yaml', line: 3 }] });
      const thrown = await openFiles([file('a.yaml', 'boom')]);
      expect(thrown.ok ? null : thrown.errors[0]!.message).toBe('Test YAML (.yaml) importer failed: exploded');
      expect(doc()).toBe(before);
    } finally {
      unregister();
    }
  });
});

describe('designer actions', () => {
  it('adds, connects and deletes in undoable steps, keeping the selection current', () => {
    const spout = addComponentAt('spout', { x: 0, y: 400 });
    const bolt = addComponentAt('bolt', { x: 300, y: 400 });
    expect(uiStore.getState().selection.components).toEqual([bolt]);
    const edge = connectComponents(spout, bolt)!;
    expect(uiStore.getState().selection).toEqual({ components: [], subscriptions: [edge] });
    expect(doc().subscriptions.at(-1)).toMatchObject({ from: 'new-spout', to: 'new-bolt' });
    select([spout]);
    deleteSelection();
    expect(doc().components.map((c) => c.id)).not.toContain(spout);
    expect(doc().subscriptions.some((s) => s.id === edge)).toBe(false);
    undo();
    expect(doc().subscriptions.some((s) => s.id === edge)).toBe(true);
  });

  it('refuses a connection into a spout with a notice', () => {
    const before = doc();
    expect(connectComponents('split', 'sentences')).toBeNull();
    expect(doc()).toBe(before);
    expect(uiStore.getState().notices.at(-1)).toMatchObject({ kind: 'error', message: '"sentences" is a spout: spouts may not subscribe to streams.' });
  });

  it('copies and pastes with fresh ids, further each time', () => {
    select(['split', 'count']);
    expect(copySelection()).toBe(2);
    expect(pasteClipboard()).toEqual(['split-2', 'count-2']);
    expect(pasteClipboard()).toEqual(['split-3', 'count-3']);
    const third = doc().components.find((c) => c.id === 'split-3')!;
    expect(third.position).toEqual({ x: 320 + 80, y: 120 + 80 });
    expect(uiStore.getState().selection.components).toEqual(['split-3', 'count-3']);
  });

  it('renames the selected component and keeps it selected; refuses duplicates', () => {
    select(['split']);
    expect(renameComponentTo('split', 'count')).toBe('A component named "count" already exists.');
    expect(renameComponentTo('split', 'splitter')).toBeNull();
    expect(uiStore.getState().selection.components).toEqual(['splitter']);
    expect(doc().subscriptions.map((s) => `${s.from}->${s.to}`)).toEqual(['sentences->splitter', 'splitter->count']);
  });
});
