import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { IMPORT_ERRORS_DIALOG, type ImportErrorsProps } from './store/actions';
import { restoreDocument, startAutosave } from './store/autosave';
import { documentStore, flushPendingEdits, resetDocument } from './store/document-store';
import { idbStorage } from './store/idb-storage';
import { syncPreferences } from './store/preferences';
import { openDialog, uiStore } from './store/ui-store';
import { registerBuiltins } from './ui/builtin';
import { maybeStartTour } from './ui/lessons/register';
import { applyTheme, systemTheme } from './ui/theme/theme';
import './ui/theme/theme.css';

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

async function boot(): Promise<void> {
  syncPreferences(safeLocalStorage(), { theme: systemTheme() });
  applyTheme(uiStore.getState().theme);
  uiStore.subscribe((s, prev) => s.theme !== prev.theme && applyTheme(s.theme));
  registerBuiltins();

  // Restore before the first render, so the canvas never shows a document that is replaced a moment later.
  const restored = await restoreDocument(idbStorage);
  resetDocument(documentStore, restored.doc);
  const autosave = startAutosave(documentStore, idbStorage, {
    onStatus: (status, message) => uiStore.setState({ save: { status, message } }),
  });
  const saveNow = () => {
    flushPendingEdits();
    void autosave.flush();
  };
  addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && saveNow());
  // The browser-test API exists in development and in test builds (`vite build --mode test`, what
  // `npm run test:e2e` serves) opened with `?test`; production builds leave it out entirely.
  if (import.meta.env.DEV || import.meta.env.MODE === 'test') {
    if (import.meta.env.DEV || new URLSearchParams(location.search).has('test')) {
      const [{ installTestApi }, { installRunTestApi }] = await Promise.all([import('./ui/test-api'), import('./ui/run/test-api')]);
      installTestApi(autosave);
      installRunTestApi();
    }
  }

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  if (restored.problem) {
    const props: ImportErrorsProps = {
      title: 'Your autosaved topology could not be restored',
      errors: [{ message: restored.problem }],
      note: 'You can keep working: new edits are saved as usual.',
    };
    openDialog(IMPORT_ERRORS_DIALOG, props);
  } else maybeStartTour();
}

void boot();
