/**
 * One run of a document on real Storm, from the document to the report: validation, the Storm
 * project export, what real Storm cannot run (listed before the run), the toolchain and the runner,
 * the LocalCluster, then the figures as `npm run simulate` prints them. `npm run storm` (the command
 * line) and `npm run storm -- --serve` (the app's companion) both run a document through
 * {@link runDocument}: there is one way to start the runner.
 *
 * The step that starts Storm is a {@link StormBackend}: {@link realStorm} finds Java and Maven,
 * builds the runner once and launches its JVM; {@link replayStorm} replays a recorded run (a file
 * of scripts/storm/__fixtures__) for the app's browser tests, on machines without Java.
 */
import { readFileSync } from 'node:fs';
import { exportFlux, type ExportBundle } from '../../src/formats';
import { STORM_VERSION } from '../../src/formats/flux/maven';
import { validate, type TopologyDocument } from '../../src/model';
import { formatErrors } from '../lib/load-input';
import { textReport, type RunInfo } from '../lib/report';
import { checkFeatures } from './features';
import { stormJson, stormSnapshot, type StormJson, type StormRun } from './figures';
import { launch, type LaunchResult } from './launch';
import { ensureRunner, MavenError } from './maven';
import { findToolchain } from './toolchain';

/** Seconds the tuples in flight get to finish after the spouts are deactivated. */
export const DRAIN_SECONDS = 10;

export interface BackendRequest {
  readonly bundle: ExportBundle;
  readonly seconds: number;
  readonly drainSeconds: number;
  readonly seed: string | number | null;
  /** Some component runs Python (`python3` must be there). */
  readonly python: boolean;
  readonly onProgress: (line: string) => void;
  readonly onStart?: (pid: number) => void;
  /** Aborting it shuts the LocalCluster down (the run ends as interrupted). */
  readonly signal?: AbortSignal;
  readonly keep?: boolean;
}

/** What starts Storm: a launch result, or why Storm is not available here (Java, Maven, Storm itself). */
export type StormBackend = (request: BackendRequest) => Promise<LaunchResult | { readonly ok: false; readonly unavailable: string }>;

/** The real thing: Java and Maven found, the runner built (once), a LocalCluster in a JVM of its own. */
export const realStorm: StormBackend = async (request) => {
  const tools = await findToolchain(process.env, { python: request.python });
  if (typeof tools === 'string') return { ok: false, unavailable: tools };
  let runner;
  try {
    runner = await ensureRunner(tools, request.onProgress);
  } catch (e) {
    if (e instanceof MavenError) return { ok: false, unavailable: e.message };
    throw e;
  }
  if (request.signal?.aborted) return { ok: false, message: 'Stopped before the LocalCluster started.', dir: '', interrupted: true };
  return launch({ ...request, tools, runner });
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * A recorded run (the runner's result.json, e.g. scripts/storm/__fixtures__/word-count-javascript.run.json)
 * replayed instead of starting Storm: the progress lines the runner prints, `stepMs` apart, then
 * the recorded figures. For tests of the app on machines without Java; `npm run storm -- --serve`
 * uses it only when STORM_STUDIO_REPLAY names a file.
 */
export function replayStorm(file: string, stepMs = 300): StormBackend {
  return async (request) => {
    const run = JSON.parse(readFileSync(file, 'utf8')) as StormRun;
    const steps = ['replaying a recorded run (STORM_STUDIO_REPLAY): no JVM is started', 'starting a LocalCluster', 'submitting the topology', 'every executor reports', `running for ${request.seconds.toFixed(1)} s`, 'spouts deactivated: draining', 'reading the figures'];
    for (const line of steps) {
      if (request.signal?.aborted) break;
      request.onProgress(line);
      await sleep(stepMs, request.signal);
    }
    if (request.signal?.aborted) return { ok: false, message: 'Stopped: the LocalCluster was shut down.', dir: '', interrupted: true };
    return { ok: true, run: { ...run, seed: request.seed }, dir: '' };
  };
}

export interface RunRequest {
  /** Shown in messages ("<input> is not a valid topology"). */
  readonly label: string;
  readonly seconds: number;
  readonly seed: string | number | null;
  /** Notes from reading the input (format warnings), added to the report's notes. */
  readonly warnings?: readonly string[];
  readonly onProgress: (line: string) => void;
  /** Told what real Storm does not do as Storm Studio does, before the run (a message of several lines). */
  readonly onNotice?: (text: string) => void;
  readonly onStart?: (pid: number) => void;
  readonly signal?: AbortSignal;
  readonly keep?: boolean;
}

/**
 * How a run ended. `code` is `npm run storm`'s exit status: 0 completed, 1 failed or ended early by
 * Storm (the figures so far are there), 2 bad input or a feature real Storm cannot run, 3 Java,
 * Maven or Storm not available, 130 interrupted.
 */
export type RunOutcome =
  | { readonly ok: true; readonly code: 0 | 1; readonly json: StormJson; readonly text: string; readonly ended: string | null }
  | { readonly ok: false; readonly code: 1 | 2 | 3 | 130; readonly message: string };

/** Runs `doc` on Storm through `backend` (see the module's comment). */
export async function runDocument(doc: TopologyDocument, request: RunRequest, backend: StormBackend = realStorm): Promise<RunOutcome> {
  const { label, seconds, seed } = request;
  const problems = validate(doc);
  const errors = problems.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { ok: false, code: 2, message: `${label} is not a valid topology (${errors.length} error${errors.length > 1 ? 's' : ''}):\n${errors.map((d) => `  ${d.code}: ${d.message}`).join('\n')}` };
  }
  const exported = exportFlux(doc);
  if (!exported.ok) return { ok: false, code: 2, message: `Cannot make a Storm project of ${label}:\n${formatErrors(exported.errors)}` };
  const bundle = exported.value;
  const features = checkFeatures(doc, bundle);
  if (features.blocking.length > 0 || features.notes.length > 0) {
    const list = [...features.blocking.map((m) => `  ✗ ${m}`), ...features.notes.map((m) => `  - ${m}`)];
    const text = `${features.blocking.length > 0 ? `${label} uses what real Storm cannot run as Storm Studio does; the run does not start:` : 'On real Storm, unlike in Storm Studio:'}\n${list.join('\n')}`;
    if (features.blocking.length > 0) return { ok: false, code: 2, message: text };
    request.onNotice?.(text);
  }

  const result = await backend({
    bundle,
    seconds,
    drainSeconds: DRAIN_SECONDS,
    seed,
    python: doc.components.some((c) => c.language === 'python'),
    onProgress: request.onProgress,
    ...(request.onStart ? { onStart: request.onStart } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.keep ? { keep: true } : {}),
  });
  if (!result.ok) {
    if ('unavailable' in result) return { ok: false, code: 3, message: result.unavailable };
    return { ok: false, code: result.interrupted ? 130 : 1, message: result.message };
  }
  const run = result.run;
  const languages = Object.fromEntries(doc.components.map((c) => [c.id, c.language]));
  const notes = [
    ...(run.ended ? [run.ended] : []),
    `Real Apache Storm ${run.storm} (a LocalCluster in one JVM; the project of npm run export --format flux, pinned to ${STORM_VERSION}). Figures from Storm itself: getTopologyInfo and Storm UI's topology page, Storm's per-task counters, counted exactly (topology.stats.sample.rate 1.0 instead of Storm's 5 % sample).`,
    ...(run.ended ? [] : [`The spouts ran ${seconds} s, then were deactivated; the tuples in flight had up to ${DRAIN_SECONDS} s to finish before the figures were read.`]),
    'Storm does not measure latency percentiles, timeouts apart from other failures, tuples lost with a worker, engine events or worker restarts: null in --json, 0 in the tables.',
    seed === null ? 'No --seed: the components draw unseeded random numbers.' : `--seed ${seed} seeds the components' random numbers per task as the simulator does; Storm's own choices (shuffle order, tuple ids, timing) are not seeded.`,
    ...(run.droppedLogLines > 0 ? [`The components logged more lines than the runner keeps: the first ${run.droppedLogLines} are not shown.`] : []),
    ...features.notes,
    ...(request.warnings ?? []),
    ...problems.filter((d) => d.severity === 'warning' && d.code !== 'E_NO_CODE').map((d) => `${d.code}: ${d.message}`),
  ];
  const info: RunInfo = { name: doc.name, clock: 'wall', seed: seed ?? '', seconds, languages, notes };
  return { ok: true, code: run.ended ? 1 : 0, json: stormJson(run, info), text: textReport(stormSnapshot(run), info), ended: run.ended ?? null };
}
