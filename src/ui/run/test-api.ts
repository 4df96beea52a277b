/**
 * The run's part of the browser-test API, on `window.__stormStudioRun` (installed where the
 * designer's `window.__stormStudio` is: in development, and in test builds opened with `?test`;
 * see `src/main.tsx`). It reads the run store the UI uses; it never bypasses it.
 */
import type { LoadProgress, RunOptions } from '../../sim-client/types';
import { useRunStore, type LogLine } from '../../store/run-store';
import { startRun } from './run-actions';

export interface RunTestState {
  readonly status: string;
  readonly failure: { message: string; component: string | null; task: number | null; reason?: string } | null;
  readonly interrupts: readonly string[];
  readonly time: number | null;
  readonly events: number | null;
  readonly clock: string;
  readonly seed: number;
  readonly hosts: number | null;
  /** All-time counts per user component. */
  readonly components: Readonly<Record<string, { emitted: number; executed: number; acked: number; failed: number }>>;
}

export interface StormStudioRunTestApi {
  state(): RunTestState;
  logs(component?: string): LogLine[];
  setOptions(options: Partial<RunOptions>): void;
  /** Loading progress reports seen since the page opened (Pyodide: download bytes, start-up), at most 500. */
  loadingHistory(): LoadProgress[];
  /** Starts the document being edited, as the Run command does. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

declare global {
  interface Window {
    __stormStudioRun?: StormStudioRunTestApi;
  }
}

export function installRunTestApi(): void {
  const loads: LoadProgress[] = [];
  useRunStore.subscribe((s, prev) => {
    if (s.loading !== null && s.loading !== prev.loading && loads.length < 500) loads.push(s.loading);
  });
  window.__stormStudioRun = {
    loadingHistory: () => [...loads],
    state() {
      const s = useRunStore.getState();
      const components: Record<string, { emitted: number; executed: number; acked: number; failed: number }> = {};
      for (const [id, c] of Object.entries(s.snapshot?.components ?? {})) {
        const w = c.windows.all;
        components[id] = { emitted: w.emitted, executed: w.executed, acked: w.acked, failed: w.failed };
      }
      return {
        status: s.status,
        failure: s.failure,
        interrupts: s.interrupts.map((f) => f.message),
        time: s.snapshot?.time ?? null,
        events: s.snapshot?.events ?? null,
        clock: s.options.clock,
        seed: s.options.seed,
        hosts: s.snapshot?.hosts.length ?? null,
        components,
      };
    },
    logs: (component) => useRunStore.getState().logs.filter((l) => component === undefined || l.component === component),
    setOptions: (options) => useRunStore.getState().setOptions(options),
    start: startRun,
    stop: () => useRunStore.getState().stop(),
  };
}
