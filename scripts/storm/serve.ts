/**
 * `npm run storm -- --serve [--port N] [--origin URL]…`: starts the app's companion
 * ({@link createCompanion}) and prints its URL, its token and a link that opens the app connected.
 * Runs go through {@link runDocument} with real Storm, or, when STORM_STUDIO_REPLAY names a
 * recorded run (scripts/storm/__fixtures__/*.run.json), with that recording replayed (the app's
 * browser tests use it on machines without Java). Ctrl-C cancels the run in progress (its
 * LocalCluster is shut down: no JVM is left) and stops the server.
 */
import { resolve } from 'node:path';
import { STORM_VERSION } from '../../src/formats/flux/maven';
import { createCompanion, DEFAULT_ORIGINS, newToken, type JavaStatus } from './companion';
import { realStorm, replayStorm, runDocument } from './run';
import { findToolchain } from './toolchain';

export interface ServeOptions {
  readonly port: number;
  readonly origins: readonly string[];
}

/** Checks an `--origin` value: `http(s)://host[:port]`, nothing after it. */
export function parseOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
    if (text.replace(/\/$/, '') !== url.origin) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Serves until Ctrl-C; resolves to the exit status. */
export async function serve(options: ServeOptions): Promise<number> {
  const replay = process.env.STORM_STUDIO_REPLAY ? resolve(process.env.STORM_STUDIO_REPLAY) : null;
  const backend = replay ? replayStorm(replay, Number(process.env.STORM_STUDIO_REPLAY_STEP_MS ?? 300)) : realStorm;
  let java: JavaStatus | null = null;
  const token = newToken();
  const say = (line: string) => process.stderr.write(`storm: ${line}\n`);
  const companion = createCompanion({
    token,
    origins: options.origins,
    stormVersion: STORM_VERSION,
    java: async () => {
      if (java === null || !java.found) {
        const tools = await findToolchain(process.env);
        java = typeof tools === 'string' ? { found: false, version: null, message: tools } : { found: true, version: tools.javaMajor, message: null };
      }
      return java;
    },
    run: (doc, context) => runDocument(doc, { label: `"${doc.name}"`, ...context }, backend),
    onEvent: say,
  });
  let url;
  try {
    url = await companion.listen(options.port);
  } catch (e) {
    process.stderr.write(`Cannot listen on 127.0.0.1:${options.port}: ${(e as Error).message}\n`);
    return 2;
  }
  const link = `${options.origins[0]}/#storm=${encodeURIComponent(url)}&token=${token}`;
  process.stdout.write(
    [
      `Storm Studio companion${replay ? ` (replaying ${replay}: no JVM is started)` : ''} on ${url}`,
      `token: ${token}`,
      `Open the app connected: ${link}`,
      `(or "Run on real Storm" in the app, and paste the URL and the token). Accepts the app at ${options.origins.join(', ')}. Ctrl-C stops it.`,
      '',
    ].join('\n'),
  );
  return new Promise((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      say('stopping: the run in progress (if any) is cancelled and its LocalCluster shut down');
      void companion.close().then(() => done(130));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export { DEFAULT_ORIGINS };
