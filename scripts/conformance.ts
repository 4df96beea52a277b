/**
 * The conformance suite: the simulator against real Apache Storm on the same topologies.
 *
 *   npm run conformance [-- --only a,b] [--seed S] [--json] [--write]
 *
 * Runs each scenario (storm/conformance/scenarios/<id>.json; scripts/conformance/scenarios.ts
 * says what to compare) with `npm run simulate -- --json` and `npm run storm -- --json`, the same
 * seed and seconds, one LocalCluster at a time, and prints a table: scenario, figure, simulator,
 * Storm, verdict. `--json` prints the rows as JSON instead; `--write` also rewrites
 * docs/conformance.md. Exit status: 0 no DIFFERENT verdict, 1 a DIFFERENT verdict or a run that
 * gave no report, 2 bad usage, 3 Java, Maven or Storm is not available.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { commandLine, type CommandLine } from './lib/cli';
import { STORM_VERSION } from '../src/formats/flux/maven';
import { DEPARTURES, ENGINE_FIXES } from './conformance/departures';
import { markdown, textTable } from './conformance/report';
import { runScenario, type ScenarioResult } from './conformance/run';
import { SCENARIOS } from './conformance/scenarios';
import { REPO_ROOT } from './storm/maven';

const USAGE = 'usage: npm run conformance [-- --only a,b] [--seed S] [--json] [--write]';

const cli: CommandLine = commandLine(USAGE, () => `${USAGE}\nScenarios: ${SCENARIOS.map((s) => s.id).join(', ')}`);

async function main(): Promise<number> {
  const args = cli.parse({ options: { only: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, write: { type: 'boolean' } } });
  if (!args) return 0;
  const only = args.values.only?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = (only ?? []).filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) cli.bad(`Unknown scenario${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const seedText = args.values.seed ?? '7';
  if (!/^-?\d+$/.test(seedText)) cli.bad(`--seed must be an integer, not "${seedText}".`);
  const seed = Number(seedText);
  const chosen = only ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS;

  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const started = new Date();
  const workDir = mkdtempSync(join(tmpdir(), 'storm-conformance-'));
  const results: ScenarioResult[] = [];
  try {
    for (const spec of chosen) {
      const r = await runScenario(spec, { seed, workDir, onProgress: (l) => process.stderr.write(`conformance: ${l}\n`) });
      if (r.stormCode === 3) {
        process.stderr.write(`${r.error ?? 'Java, Maven or Storm is not available.'}\n`);
        return 3;
      }
      process.stderr.write(`conformance: ${spec.id}: ${r.error ? 'ERROR' : `${r.rows.filter((x) => x.verdict === 'DIFFERENT').length} DIFFERENT of ${r.rows.length}`} (simulator ${r.wallSecs.simulator.toFixed(0)} s, Storm ${r.wallSecs.storm.toFixed(0)} s)\n`);
      for (const x of r.rows.filter((row) => row.verdict === 'DIFFERENT')) process.stderr.write(`conformance:   DIFFERENT ${x.figure}: simulator ${x.simulator} | Storm ${x.storm}${x.note ? ` (${x.note})` : ''}\n`);
      results.push(r);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  if (args.values.json) process.stdout.write(JSON.stringify({ seed, results: results.map((r) => ({ scenario: r.spec.id, error: r.error ?? null, rows: r.rows })) }, null, 2) + '\n');
  else process.stdout.write(textTable(results));
  if (args.values.write) {
    const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
    const date = `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    writeFileSync(join(REPO_ROOT, 'docs', 'conformance.md'), markdown(results, { date, load, machine, seed, storm: STORM_VERSION }, DEPARTURES, ENGINE_FIXES));
    process.stderr.write('conformance: wrote docs/conformance.md\n');
  }
  return results.some((r) => r.error || r.rows.some((x) => x.verdict === 'DIFFERENT')) ? 1 : 0;
}

process.exitCode = await main();
