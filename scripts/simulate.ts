/**
 * Runs a topology headless, the way Storm would:
 *
 *   npm run simulate -- <input> [--seconds N] [--seed S] [--clock virtual|wall] [--json]
 *                               [--language python|javascript]
 *
 * `<input>` is a Storm Studio document (.json), a Petrel project folder or its create.py, a Flux
 * file or a zip. Virtual time (default) runs all executors in one worker thread, deterministic for
 * a seed; wall time runs one worker thread per Storm worker for N real seconds. The threads are
 * driven exactly as the app drives its Web Workers (src/sim-client over comlink, the host service
 * of workers/sim; scripts/lib/thread-link.ts), watchdog included. Prints Storm
 * UI-style tables, or one JSON object with `--json`. A call that does not return within 5 s is
 * stopped: Python is interrupted (KeyboardInterrupt in the component; the run goes on, as a crash
 * would), JavaScript — or Python that ignores the interrupt for 3 s more — gets its worker thread
 * terminated, which ends the run. Exit status: 0 run completed, 1 the run failed (a component
 * could not load) or the watchdog stopped a component, 2 bad usage or input.
 */
import { chooseLanguage, type HostSnapshot } from '../src/engine';
import { validate, type Language } from '../src/model';
import { launchSimulation, SimulationStartError } from '../src/sim-client/simulation';
import type { RunFailure, Simulation } from '../src/sim-client/types';
import { commandLine, readDocument, seedOf, type CommandLine } from './lib/cli';
import { jsonReport, MAX_JSON_LOGS, textReport, type RunInfo } from './lib/report';
import { nodeRegistry } from './lib/runtimes';
import { THREAD_NOUN, threadLink } from './lib/thread-link';

const USAGE = 'usage: npm run simulate -- <document.json | petrel-folder | create.py | flux.yaml | project.zip | example:<id>> [--seconds N] [--seed S] [--clock virtual|wall] [--json] [--language python|javascript]';

const cli: CommandLine = commandLine(USAGE);

async function main(): Promise<number> {
  const args = cli.parse({
    allowPositionals: true,
    options: { seconds: { type: 'string' }, seed: { type: 'string' }, clock: { type: 'string' }, json: { type: 'boolean' }, language: { type: 'string' } },
  });
  if (!args) return 0;
  const input = cli.input(args.positionals, 'the topology to run');
  const clock = args.values.clock ?? 'virtual';
  if (clock !== 'virtual' && clock !== 'wall') cli.bad(`--clock must be virtual or wall, not "${clock}".`);
  const seconds = cli.seconds(args.values.seconds, 10);
  const seed = seedOf(args.values.seed ?? '1');
  const language = args.values.language;
  if (language !== undefined && language !== 'python' && language !== 'javascript') cli.bad(`--language must be python or javascript, not "${language}".`);

  const warnings: string[] = [];
  const doc = await readDocument(input, warnings);
  if (!doc) return 2;
  const problems = validate(doc);
  const errors = problems.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    process.stderr.write(`${input} is not a valid topology (${errors.length} error${errors.length > 1 ? 's' : ''}):\n${errors.map((d) => `  ${d.code}: ${d.message}`).join('\n')}\n`);
    return 2;
  }
  const notes = [...warnings, ...problems.filter((d) => d.severity === 'warning' && d.code !== 'E_NO_CODE').map((d) => `${d.code}: ${d.message}`)];

  const registry = nodeRegistry();
  const languages: Record<string, Language> = {};
  const languageNotes: Record<string, string> = {};
  for (const c of doc.components) {
    const choice = chooseLanguage(c, registry, language as Language | undefined);
    if (!choice.ok) {
      process.stderr.write(`Cannot run "${c.id}": ${choice.message}\n`);
      return 2;
    }
    languages[c.id] = choice.language;
    languageNotes[c.id] = choice.note ? `${choice.language} (${choice.note})` : choice.language;
  }

  // Snapshots bring the log lines after each host's cursor: keep the last ones for the report.
  const logs: HostSnapshot['logs'][] = [];
  let stopped = 0;
  let failure: RunFailure | null = null;
  let sim: Simulation;
  try {
    sim = await launchSimulation(
      doc,
      { clock, seed, speed: clock === 'virtual' ? Infinity : 1, until: seconds * 1000, languages },
      {
        onSnapshot: (snap) => void logs.push(snap.logs),
        onComponentStopped: (f) => {
          stopped++;
          process.stderr.write(`${f.message}\n`);
        },
        onFailure: (f) => void (failure = f),
      },
      { link: threadLink, hostNoun: THREAD_NOUN },
    );
  } catch (e) {
    const f = e instanceof SimulationStartError ? e.failure : null;
    // The message names the component and line; the traceback adds where, after its first line.
    const detail = f?.detail ? ['', ...f.detail.split('\n').slice(1)].join('\n') : '';
    process.stderr.write(`The topology could not start: ${(e as Error).message}${detail}\n`);
    return 1;
  }
  const info: RunInfo = { name: doc.name, clock, seed, seconds, languages: languageNotes, notes };
  try {
    await sim.finished();
    const last = await sim.snapshot();
    const lines = logs.flat().sort((a, b) => a.time - b.time || a.host - b.host || a.seq - b.seq);
    const snap: HostSnapshot = { ...last, logs: lines.slice(-MAX_JSON_LOGS) };
    process.stdout.write(args.values.json ? JSON.stringify(jsonReport(snap, info), null, 2) + '\n' : textReport(snap, info));
    return stopped > 0 ? 1 : 0;
  } catch (e) {
    const f = failure as RunFailure | null;
    process.stderr.write(f ? `${f.message}\n` : `The run failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  } finally {
    await sim.stop();
  }
}

process.exitCode = await main();
