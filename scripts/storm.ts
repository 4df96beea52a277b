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
 *   npm run storm -- --serve [--port N] [--origin URL]…
 *
 * starts the app's companion instead (scripts/storm/serve.ts): the app's "Run on real Storm"
 * sends it the open document, which runs exactly as above.
 *
 * Exit status: 0 the run completed, 1 the run on Storm failed or Storm ended it early (a worker
 * died: in local mode that exits the JVM; the figures so far are printed), 2 bad usage or input or a feature
 * real Storm cannot run (listed before the run), 3 Java, Maven or Storm itself is not available,
 * 130 interrupted (the LocalCluster is shut down first).
 */
import { commandLine, readDocument, seedOf, type CommandLine } from './lib/cli';
import { runDocument } from './storm/run';
import { DEFAULT_ORIGINS, parseOrigin, serve } from './storm/serve';

const USAGE = 'usage: npm run storm -- <document.json | petrel-folder | create.py | flux.yaml | project.zip | example:<id>> [--seconds N] [--seed S] [--json]\n       npm run storm -- --serve [--port N] [--origin URL]…';

const say = (line: string) => process.stderr.write(`storm: ${line}\n`);

const cli: CommandLine = commandLine(USAGE);

async function main(): Promise<number> {
  const args = cli.parse({
    allowPositionals: true,
    options: { seconds: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, serve: { type: 'boolean' }, port: { type: 'string' }, origin: { type: 'string', multiple: true } },
  });
  if (!args) return 0;
  if (args.values.serve) {
    if (args.positionals.length > 0) cli.bad(`--serve runs the documents the app sends: no input (${args.positionals.join(' ')}).`);
    const port = args.values.port === undefined ? 0 : Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) cli.bad(`--port must be a port number (0–65535), not "${args.values.port}".`);
    const extra = (args.values.origin ?? []).map((o) => parseOrigin(o) ?? cli.bad(`--origin must be an origin such as http://127.0.0.1:5173 (scheme, host, port; no path), not "${o}".`));
    return serve({ port, origins: [...new Set([...DEFAULT_ORIGINS, ...extra])] });
  }
  if (args.values.port !== undefined || args.values.origin !== undefined) cli.bad('--port and --origin go with --serve.');
  const input = cli.input(args.positionals, 'the topology to run');
  const seconds = cli.seconds(args.values.seconds, 10);
  const seed = args.values.seed === undefined ? null : seedOf(args.values.seed);

  const warnings: string[] = [];
  const doc = await readDocument(input, warnings);
  if (!doc) return 2;
  const outcome = await runDocument(doc, {
    label: input,
    seconds,
    seed,
    warnings,
    onProgress: say,
    onNotice: (text) => process.stderr.write(`${text}\n`),
    onStart: (pid) => say(`runner JVM pid ${pid}`),
    keep: process.env.STORM_STUDIO_KEEP === '1',
  });
  if (!outcome.ok) {
    process.stderr.write(`${outcome.message}\n`);
    return outcome.code;
  }
  process.stdout.write(args.values.json ? JSON.stringify(outcome.json, null, 2) + '\n' : outcome.text);
  if (outcome.ended) process.stderr.write(`${outcome.ended}\n`);
  return outcome.code;
}

process.exitCode = await main();
