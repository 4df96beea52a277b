/**
 * The "Tests" dock tab: runs the document's Python tests in a worker of their own (the functions
 * named `test` / `test_*` and `unittest.TestCase` methods of the component modules and of the
 * document's test modules, with `petrel.mock` and `nose.tools`), and lists each result. A
 * failure's location opens the editor at its line: the component's code in the Code tab, or the
 * test module here. Test modules (`test_*.py`) are added, edited and removed here.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TopologyDocument } from '../../model';
import { pythonModuleNames } from '../../python/module-names';
import { summarizeTests, testSourceModules, type TestResult } from '../../python/test-modules';
import { pythonTestsProgress, runPythonTests, stopPythonTests, TestsStoppedError } from '../../sim-client/python-tests';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { select, showDockTab } from '../../store/ui-store';
import { revealInEditor } from '../editor/extensions';
import { Icon } from '../shell/icons';
import { addTestModule, freeTestFile, removeTestModule, setTestModuleCode, testModuleTemplate } from './test-modules-edit';
import './tests.css';

type RunState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly loading: string | null }
  | { readonly kind: 'done'; readonly results: readonly TestResult[]; readonly doc: TopologyDocument; readonly ms: number }
  | { readonly kind: 'failed'; readonly message: string };

const STATUS_LABEL: Record<TestResult['status'], string> = { pass: 'passed', fail: 'failed', error: 'error', skip: 'skipped' };

function useDoc(): TopologyDocument {
  return useDocumentStore((s) => s.doc);
}

/** The component whose module is `file`, if any. */
function componentOfFile(doc: TopologyDocument, file: string): string | null {
  for (const [id, module] of pythonModuleNames(doc.components)) if (`${module}.py` === file) return id;
  return null;
}

function TestModuleEditor({ file, code, line, onClose }: { file: string; code: string; line: number | null; onClose: () => void }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(code);
  useEffect(() => setText(code), [code]);
  useEffect(() => {
    const el = area.current;
    if (!el || line === null) return;
    const lines = el.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    el.scrollTop = Math.max(0, (line - 4) * 18);
  }, [line, file]);
  const commit = () => {
    if (text !== code) documentStore.getState().edit((d) => setTestModuleCode(d, file, text));
  };
  return (
    <div className="tests-module" data-testid="tests.module">
      <div className="tests-module-head">
        <span className="mono" data-testid="tests.module.file">
          {file}
        </span>
        {line !== null ? <span className="tests-module-line">line {line}</span> : null}
        <span className="tests-spacer" />
        <button
          type="button"
          className="btn btn-sm"
          data-testid="tests.module.remove"
          onClick={() => {
            documentStore.getState().edit((d) => removeTestModule(d, file));
            onClose();
          }}
        >
          <Icon name="trash" size={12} /> Remove
        </button>
        <button type="button" className="btn btn-icon btn-sm" title="Close" aria-label="Close the test module" onClick={onClose}>
          <Icon name="close" size={12} />
        </button>
      </div>
      <textarea
        ref={area}
        className="tests-module-text mono nokey"
        spellCheck={false}
        value={text}
        aria-label={`Code of ${file}`}
        data-testid="tests.module.text"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Tab') {
            e.preventDefault();
            const el = e.currentTarget;
            const at = el.selectionStart;
            setText(text.slice(0, at) + '    ' + text.slice(el.selectionEnd));
            requestAnimationFrame(() => el.setSelectionRange(at + 4, at + 4));
          }
          e.stopPropagation();
        }}
      />
    </div>
  );
}

function ResultRow({ r, doc, onOpenModule }: { r: TestResult; doc: TopologyDocument; onOpenModule: (file: string, line: number | null) => void }) {
  const [open, setOpen] = useState(r.status === 'fail' || r.status === 'error');
  const goto = () => {
    if (!r.at || r.line === null) return;
    const id = componentOfFile(doc, r.at);
    if (id !== null) {
      select([id]);
      showDockTab('code');
      revealInEditor(id, r.line);
    } else onOpenModule(r.at, r.line);
  };
  const failed = r.status === 'fail' || r.status === 'error';
  return (
    <li className={`tests-row is-${r.status}`} data-testid="tests.result" data-status={r.status} data-test={`${r.module}.${r.test}`}>
      <div className="tests-row-main">
        <span className={`tests-status is-${r.status}`}>
          <Icon name={r.status === 'pass' ? 'check' : r.status === 'skip' ? 'clock' : r.status === 'fail' ? 'error' : 'warning'} size={12} />
          {STATUS_LABEL[r.status]}
        </span>
        <button type="button" className="tests-name mono" onClick={() => setOpen(!open)} aria-expanded={open} disabled={!failed && !r.output}>
          {r.module}.{r.test}
        </button>
        {r.message ? <span className="tests-message mono">{r.message}</span> : null}
        <span className="tests-spacer" />
        {r.at && r.line !== null ? (
          <button type="button" className="tests-goto mono" data-testid="tests.goto" title="Open the editor at this line" onClick={goto}>
            {r.at}:{r.line}
          </button>
        ) : null}
        <span className="tests-time">{r.seconds < 0.001 ? '<1 ms' : `${Math.round(r.seconds * 1000)} ms`}</span>
      </div>
      {open && (failed || r.output) ? (
        <div className="tests-detail">
          {r.traceback ? (
            <pre className="tests-traceback mono" data-testid="tests.traceback">
              {r.traceback}
            </pre>
          ) : null}
          {r.output ? (
            <pre className="tests-output mono" data-testid="tests.output">
              {r.output}
            </pre>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export default function TestsPanel() {
  const doc = useDoc();
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const [module, setModule] = useState<{ file: string; line: number | null } | null>(null);
  const modules = useMemo(() => testSourceModules(doc), [doc]);
  const names = useMemo(() => pythonModuleNames(doc.components), [doc.components]);

  const run = async () => {
    const started = performance.now();
    const ran = documentStore.getState().doc;
    setState({ kind: 'running', loading: null });
    const poll = setInterval(() => {
      void pythonTestsProgress().then((p) =>
        setState((s) => (s.kind === 'running' ? { kind: 'running', loading: p.phase === 'ready' ? null : p.phase === 'download' && p.total ? `Loading Python… ${Math.round((100 * p.loaded) / p.total)} %` : 'Starting Python…' } : s)),
      );
    }, 300);
    try {
      const results = await runPythonTests(testSourceModules(ran), ran.packages ?? []);
      setState({ kind: 'done', results, doc: ran, ms: performance.now() - started });
    } catch (e) {
      setState(e instanceof TestsStoppedError ? { kind: 'idle' } : { kind: 'failed', message: (e as Error).message });
    } finally {
      clearInterval(poll);
    }
  };

  const addModule = () => {
    const d = documentStore.getState().doc;
    const file = freeTestFile(d, d.name);
    documentStore.getState().edit((x) => addTestModule(x, { file, code: testModuleTemplate(x, (id) => names.get(id)) }));
    setModule({ file, line: null });
  };

  const summary = state.kind === 'done' ? summarizeTests(state.results) : null;
  const openModule = module ? (doc.tests ?? []).find((t) => t.file === module.file) : undefined;
  return (
    <div className="tests-panel" data-testid="tests.panel">
      <div className="tests-head">
        {state.kind === 'running' ? (
          <button type="button" className="btn btn-sm" data-testid="tests.stop" onClick={stopPythonTests}>
            <Icon name="stop" size={12} /> Stop
          </button>
        ) : (
          <button type="button" className="btn btn-primary btn-sm" data-testid="tests.run" disabled={modules.length === 0} onClick={() => void run()}>
            <Icon name="play" size={12} /> Run tests
          </button>
        )}
        <span className="tests-summary" data-testid="tests.summary">
          {state.kind === 'running'
            ? (state.loading ?? 'Running…')
            : summary
              ? state.kind === 'done' && state.results.length === 0
                ? 'No tests found.'
                : (['pass', 'fail', 'error', 'skip'] as const)
                    .filter((s) => summary[s] > 0)
                    .map((s) => `${summary[s]} ${STATUS_LABEL[s]}`)
                    .join(' · ')
              : state.kind === 'failed'
                ? `The run failed: ${state.message}`
                : null}
        </span>
        {state.kind === 'done' && state.doc !== doc ? <span className="tests-stale">The code changed since this run.</span> : null}
        <span className="tests-spacer" />
        <span className="tests-modules">
          {(doc.tests ?? []).map((t) => (
            <button key={t.file} type="button" className={`tests-module-tab mono ${module?.file === t.file ? 'is-active' : ''}`} data-testid="tests.module.open" onClick={() => setModule({ file: t.file, line: null })}>
              {t.file}
            </button>
          ))}
          <button type="button" className="btn btn-sm" data-testid="tests.module.add" title="Add a test module (test_*.py) to the document" onClick={addModule}>
            <Icon name="plus" size={12} /> Test module
          </button>
        </span>
      </div>
      <div className="tests-body">
        <div className="tests-results">
          {state.kind === 'done' && state.results.length > 0 ? (
            <ul className="tests-list" data-testid="tests.list">
              {state.results.map((r) => (
                <ResultRow key={`${r.module}.${r.test}`} r={r} doc={state.doc} onOpenModule={(file, line) => setModule({ file, line })} />
              ))}
            </ul>
          ) : state.kind === 'running' ? null : (
            <div className="tests-empty" data-testid="tests.empty">
              <p>
                Tests are functions named <code>test</code> or <code>test_…</code> and <code>unittest.TestCase</code> methods, in the components&apos; modules and in test modules (
                <code>test_*.py</code>), as <code>nosetests</code> and <code>pytest</code> find them. They run on Python in a worker of their own, with <code>from petrel import mock</code> (
                <code>MockSpout</code>, <code>run_simple_topology</code>) and <code>from nose.tools import assert_equal</code>.
              </p>
              <p>
                {modules.length === 0 ? 'This topology has no Python module.' : `${modules.length} module${modules.length === 1 ? '' : 's'}: ${modules.map((m) => m.file).join(', ')}.`} The same tests run headless with <code>npm run test-components -- &lt;file&gt;</code> and, in an exported project, with pytest.
              </p>
            </div>
          )}
        </div>
        {openModule ? <TestModuleEditor key={openModule.file} file={openModule.file} code={openModule.code} line={module!.line} onClose={() => setModule(null)} /> : null}
      </div>
    </div>
  );
}
