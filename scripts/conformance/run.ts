/**
 * Runs one conformance scenario on both engines, through the commands users run:
 * `npm run simulate -- <doc> --seconds N --seed S --json` and `npm run storm -- <doc> --seconds N
 * --seed S --json` (as `node --import tsx scripts/….ts`), then compares them (compare.ts).
 * The Storm run keeps its folder (STORM_STUDIO_KEEP=1, under a TMPDIR of ours) so that the
 * comparison can read the executors' uptimes from the runner's result.json.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StormRun } from '../storm/figures';
import { REPO_ROOT } from '../storm/maven';
import { compareRuns, type Row, type RunReport, type RunSpan, type ScenarioSpec } from './compare';
import { SCENARIO_DIR } from './scenarios';

export interface Command {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function node(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Command> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface ScenarioResult {
  readonly spec: ScenarioSpec;
  readonly rows: readonly Row[];
  /** Set when a run did not give a report: which, and why. */
  readonly error?: string;
  /** Exit status of `npm run storm` (3: Java, Maven or Storm missing). */
  readonly stormCode: number;
  readonly wallSecs: { readonly simulator: number; readonly storm: number };
}

export interface RunOptions {
  readonly seed: number;
  /** Folder for the Storm runs' folders (TMPDIR of the storm command). */
  readonly workDir: string;
  readonly onProgress?: (line: string) => void;
}

/** The executors' uptimes per component (the longest), from the runner's result.json. */
export function spanOf(run: StormRun): RunSpan {
  const uptimeSecs: Record<string, number> = {};
  for (const e of run.executors) uptimeSecs[e.component] = Math.max(uptimeSecs[e.component] ?? 0, e.uptimeSecs);
  return { uptimeSecs };
}

function newest(dir: string, before: ReadonlySet<string>): string | null {
  const made = readdirSync(dir).filter((d) => d.startsWith('storm-studio-run-') && !before.has(d));
  if (made.length === 0) return null;
  return made.map((d) => join(dir, d)).reduce((a, b) => (statSync(b).mtimeMs > statSync(a).mtimeMs ? b : a));
}

function parse(what: string, c: Command): RunReport | string {
  try {
    return JSON.parse(c.stdout) as RunReport;
  } catch {
    return `${what} exited with ${c.code} without a report:\n${c.stderr.split('\n').slice(-12).join('\n')}`;
  }
}

/** Runs `spec` on the simulator, then on Storm (one LocalCluster), and compares them. */
export async function runScenario(spec: ScenarioSpec, options: RunOptions): Promise<ScenarioResult> {
  const doc = join(SCENARIO_DIR, `${spec.id}.json`);
  const args = [doc, '--seconds', String(spec.seconds), '--seed', String(options.seed), '--json'];
  const say = options.onProgress ?? (() => {});
  say(`${spec.id}: simulator`);
  let t = performance.now();
  let simCmd = await node('scripts/simulate.ts', args, process.env);
  if (simCmd.code !== 0) {
    // The simulator's watchdog stops a call that has not returned in 5 s of wall time, which a
    // machine under heavy load can cause: run it once more, and report it if it fails again.
    say(`${spec.id}: the simulator exited with ${simCmd.code} (${simCmd.stderr.trim().split('\n')[0]}): once more`);
    simCmd = await node('scripts/simulate.ts', args, process.env);
  }
  const simSecs = (performance.now() - t) / 1000;
  say(`${spec.id}: real Storm`);
  mkdirSync(options.workDir, { recursive: true });
  const before = new Set(readdirSync(options.workDir));
  t = performance.now();
  const stormCmd = await node('scripts/storm.ts', args, { ...process.env, TMPDIR: options.workDir, STORM_STUDIO_KEEP: '1' });
  const wallSecs = { simulator: simSecs, storm: (performance.now() - t) / 1000 };
  const sim = simCmd.code === 0 ? parse('npm run simulate', simCmd) : `npm run simulate exited with ${simCmd.code}:\n${simCmd.stderr.split('\n').slice(-12).join('\n')}`;
  const storm = parse('npm run storm', stormCmd);
  if (typeof sim === 'string' || typeof storm === 'string') {
    return { spec, rows: [], error: [sim, storm].filter((x) => typeof x === 'string').join('\n'), stormCode: stormCmd.code, wallSecs };
  }
  const dir = newest(options.workDir, before);
  const result = dir && existsSync(join(dir, 'result.json')) ? (JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as StormRun) : null;
  const span = result ? spanOf(result) : { uptimeSecs: {} };
  return { spec, rows: compareRuns(spec, sim, storm, span), stormCode: stormCmd.code, wallSecs };
}
