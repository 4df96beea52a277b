/**
 * What "Run on real Storm" does: connect first when the companion is not known (the connect
 * dialog), then send the open document with the simulator's seed, for as long as the last
 * simulator run lasted (so their counts compare), and show the Real Storm tab.
 */
import type { HostSnapshot } from '../../engine';
import { documentStore } from '../../store/document-store';
import { useRunStore } from '../../store/run-store';
import { openDialog, showDockTab } from '../../store/ui-store';
import { isToken, parseCompanionUrl, type Connection } from './companion-client';
import { realStormStore } from './real-storm-store';

export const REAL_STORM_TAB = 'storm';
export const CONNECT_DIALOG = 'real-storm.connect';

/** Seconds of the real run: the last simulator run's engine time (5–60 s), else 10. */
export function defaultSeconds(sim: HostSnapshot | null): number {
  if (!sim || sim.time <= 0) return 10;
  return Math.min(60, Math.max(5, Math.round(sim.time / 1000)));
}

/** Runs the open document on real Storm (asks for the companion first when it is not connected). */
export async function runOnRealStorm(seconds?: number): Promise<void> {
  const store = realStormStore();
  const { connection, health } = store.getState();
  if (!connection || !health) {
    openDialog(CONNECT_DIALOG, { thenRun: true });
    return;
  }
  showDockTab(REAL_STORM_TAB);
  const sim = useRunStore.getState();
  await store.actions.run(documentStore.getState().doc, seconds ?? defaultSeconds(sim.snapshot), sim.options.seed);
}

/**
 * The connection a link the companion printed carries (`#storm=<url>&token=<token>`), or null.
 *
 * @example
 * connectionFromHash('#storm=http%3A%2F%2F127.0.0.1%3A41234&token=0123…') // { url: 'http://127.0.0.1:41234', token: '0123…' }
 */
export function connectionFromHash(hash: string): Connection | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const url = parseCompanionUrl(params.get('storm') ?? '');
  const token = params.get('token') ?? '';
  return url && isToken(token) ? { url, token: token.trim() } : null;
}

/**
 * What the companion printed, pasted whole (its lines, or its link): the URL and the token in it.
 */
export function connectionFromText(text: string): Partial<Connection> {
  const hashAt = text.indexOf('#storm=');
  if (hashAt >= 0) {
    const c = connectionFromHash(text.slice(hashAt).split(/\s/)[0]!);
    if (c) return c;
  }
  const url = /https?:\/\/(?:127\.0\.0\.1|localhost):\d+/.exec(text.replace(/#.*$/m, ''))?.[0];
  const token = /\btoken:\s*([0-9a-f]{32})\b/.exec(text)?.[1] ?? /\b([0-9a-f]{32})\b/.exec(text)?.[1];
  return { ...(url ? { url } : {}), ...(token ? { token } : {}) };
}

/**
 * Opened from the companion's link: keep the connection (this tab only), take the token out of
 * the address bar, check the companion and show the Real Storm tab.
 */
export async function connectFromLocation(): Promise<void> {
  const connection = connectionFromHash(location.hash);
  if (!connection) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  showDockTab(REAL_STORM_TAB);
  await realStormStore().actions.connect(connection);
}
