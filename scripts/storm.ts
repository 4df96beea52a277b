/**
 * Runs a topology on real Apache Storm, the way `npm run simulate` runs it in the simulator:
 *
 *   npm run storm -- <input> [--seconds N] [--seed S] [--json]
 *
 * `<input>` is anything `simulate` accepts. The topology is exported as a Storm project (the same
 * files `npm run export --format flux` writes) and run for N seconds (default 10) on a Storm 2.8
 * LocalCluster in a JVM this command starts (storm/runner, built with Maven on first use; Maven
 * downloads Storm into ~/.m2 once). Then the spouts are deactivated, the tuples in flight get a few
 * seconds to finish, and the figures are read from Storm itself. It prints the tables of
 * `simulate`, or with --json the same object as `simulate --json`.
 *
 * `--seed S` seeds what the components draw (Math.random and storm.random per task, as the
 * simulator does); Storm's own choices (shuffle order, tuple ids, thread timing) cannot be seeded.
 *
 * Exit status: 0 the run completed, 1 the run on Storm failed or Storm ended it early (a worker
 * died: in local mode that exits the JVM; the figures so far are printed), 2 bad usage or input or a feature
 * real Storm cannot run (listed before the run), 3 Java, Maven or Storm itself is not available,
 * 130 interrupted (the LocalCluster is shut down first).
 */
import { parseArgs } from 'node:util';
import { exportFlux } from '../src/formats';
import { STORM_VERSION } from '../src/formats/flux/maven';
import { validate } from '../src/model';
import { formatErrors, loadInput } from './lib/load-input';
import { textReport, type RunInfo } from './lib/report';
import { checkFeatures } from './storm/features';
import { stormJson, stormSnapshot } from './storm/figures';
import { launch } from './storm/launch';
import { ensureRunner, MavenError } from './storm/maven';
import { findToolchain } from './storm/toolchain';

const USAGE = 'usage: npm run storm -- <document.json | petrel-folder | create.py | flux.yaml | project.zip | example:<id>> [--seconds N] [--seed S] [--json]';
/** Seconds the tuples in flight get to finish after the spouts are deactivated. */
const DRAIN_SECONDS = 10;

const say = (line: string) => process.stderr.write(`storm: ${line}\n`);

function bad(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    bad((e as Error).message);
  }
  if (args.values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const [input, ...extra] = args.positionals;
  if (!input) bad('Missing the topology to run.');
  if (extra.length > 0) bad(`Unexpected arguments: ${extra.join(' ')}`);
  const seconds = args.values.seconds === undefined ? 10 : Number(args.values.seconds);
  if (!(seconds > 0) || !Number.isFinite(seconds)) bad(`--seconds must be a number > 0, not "${args.values.seconds}".`);
  const seedText = args.values.seed;
  const seed = seedText === undefined ? null : /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;

  const warnings: string[] = [];
  const loaded = await loadInput(input, (w) => warnings.push(`${w.file ? `${w.file}: ` : ''}${w.message}`));
  if (!loaded.ok) {
    process.stderr.write(`Cannot read ${input}:\n${formatErrors(loaded.errors)}\n`);
    return 2;
  }
  const doc = loaded.value;
  const problems = validate(doc);
  const errors = problems.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    process.stderr.write(`${input} is not a valid topology (${errors.length} error${errors.length > 1 ? 's' : ''}):\n${errors.map((d) => `  ${d.code}: ${d.message}`).join('\n')}\n`);
    return 2;
  }
  const exported = exportFlux(doc);
  if (!exported.ok) {
    process.stderr.write(`Cannot make a Storm project of ${input}:\n${formatErrors(exported.errors)}\n`);
    return 2;
  }
  const bundle = exported.value;
  const features = checkFeatures(doc, bundle);
  if (features.blocking.length > 0 || features.notes.length > 0) {
    const list = [...features.blocking.map((m) => `  ✗ ${m}`), ...features.notes.map((m) => `  - ${m}`)];
    process.stderr.write(`${features.blocking.length > 0 ? `${input} uses what real Storm cannot run as Storm Studio does; the run does not start:` : 'On real Storm, unlike in Storm Studio:'}\n${list.join('\n')}\n`);
    if (features.blocking.length > 0) return 2;
  }

  const tools = await findToolchain(process.env, { python: doc.components.some((c) => c.language === 'python') });
  if (typeof tools === 'string') {
    process.stderr.write(`${tools}\n`);
    return 3;
  }
  let runner;
  try {
    runner = await ensureRunner(tools, say);
  } catch (e) {
    if (e instanceof MavenError) {
      process.stderr.write(`${e.message}\n`);
      return 3;
    }
    throw e;
  }
  const result = await launch({
    tools,
    runner,
    bundle,
    seconds,
    drainSeconds: DRAIN_SECONDS,
    seed,
    onProgress: say,
    onStart: (pid) => say(`runner JVM pid ${pid}`),
    keep: process.env.STORM_STUDIO_KEEP === '1',
  });
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    return result.interrupted ? 130 : 1;
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
    ...warnings,
    ...problems.filter((d) => d.severity === 'warning' && d.code !== 'E_NO_CODE').map((d) => `${d.code}: ${d.message}`),
  ];
  const info: RunInfo = { name: doc.name, clock: 'wall', seed: seed ?? '', seconds, languages, notes };
  process.stdout.write(args.values.json ? JSON.stringify(stormJson(run, info), null, 2) + '\n' : textReport(stormSnapshot(run), info));
  if (run.ended) {
    process.stderr.write(`${run.ended}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
