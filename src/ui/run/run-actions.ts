/**
 * What the run commands and the run panel do: start the document being edited (its pending edits
 * first), pause/resume, step, stop; and where to look afterwards (the Problems tab when the
 * document cannot run, the Run tab otherwise).
 */
import { documentStore, flushPendingEdits } from '../../store/document-store';
import { useRunStore } from '../../store/run-store';
import { notify, showDockTab, uiStore } from '../../store/ui-store';

/** Tabs that show a run: starting from one of them keeps it. */
const RUN_TABS = new Set(['run', 'logs', 'trees', 'step', 'plan', 'charts', 'lessons']);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function startRun(): Promise<void> {
  flushPendingEdits();
  const doc = documentStore.getState().doc;
  if (!RUN_TABS.has(uiStore.getState().dockTab)) showDockTab('run');
  await useRunStore.getState().start(doc);
  const failure = useRunStore.getState().failure;
  if (failure?.reason === 'invalid') showDockTab('problems');
}

export async function pauseOrResume(): Promise<void> {
  const { status, pause, resume } = useRunStore.getState();
  try {
    if (status === 'running') await pause();
    else if (status === 'paused') await resume();
  } catch (e) {
    notify(message(e), 'error');
  }
}

export async function stepRun(): Promise<void> {
  try {
    await useRunStore.getState().step();
  } catch (e) {
    notify(message(e), 'error');
  }
}

export async function stopRun(): Promise<void> {
  await useRunStore.getState().stop();
}
