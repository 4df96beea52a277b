/**
 * Starts the runner (storm/runner) in a JVM of its own, with a topology jar holding the exported
 * project's `resources/`, and makes sure nothing outlives the run: the JVM runs in its own process
 * group (its shell components inherit it), is asked to close its LocalCluster on Ctrl-C/SIGTERM
 * (its stdin is closed), and the whole group is killed once the JVM has exited or did not stop in time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { RESOURCES_DIR } from '../../src/formats/flux/maven';
import type { ExportBundle } from '../../src/formats';
import type { StormRun } from './figures';
import type { Runner } from './maven';
import type { Toolchain } from './toolchain';

/**
 * A jar whose `resources/` is the project's `src/main/resources/resources/`: what Storm extracts
 * for the shell components (the first jar on the classpath with a resources/ folder).
 */
export function topologyJar(bundle: ExportBundle): Uint8Array {
  const tree: Zippable = { 'META-INF/MANIFEST.MF': [strToU8('Manifest-Version: 1.0\nCreated-By: Storm Studio\n\n'), {}] };
  const prefix = `${RESOURCES_DIR}/`;
  for (const f of bundle.files) if (f.path.startsWith(prefix)) tree[`resources/${f.path.slice(prefix.length)}`] = [strToU8(f.content), {}];
  return zipSync(tree, { level: 6 });
}

export interface LaunchOptions {
  readonly tools: Toolchain;
  readonly runner: Runner;
  readonly bundle: ExportBundle;
  readonly seconds: number;
  readonly drainSeconds: number;
  readonly seed: string | number | null;
  /** Progress lines of the runner ("starting a LocalCluster", "running for 10.0 s", …). */
  readonly onProgress: (line: string) => void;
  /** Called once with the JVM's pid (the id of its process group). */
  readonly onStart?: (pid: number) => void;
  /** Keep the run's folder (flux.yaml, topology.jar, storm.log, result.json) instead of removing it. */
  readonly keep?: boolean;
  /** Seconds after the spouts' start at which to read Storm's per-task counters (the run's `samples`). */
  readonly samples?: readonly number[];
  /** Aborting it closes the LocalCluster as Ctrl-C does (the app's companion cancels a run so). */
  readonly signal?: AbortSignal;
}

export type LaunchResult =
  | { readonly ok: true; readonly run: StormRun; readonly dir: string }
  | { readonly ok: false; readonly message: string; readonly dir: string; readonly interrupted: boolean };

/** Time the JVM gets to close its LocalCluster once asked to stop, before its process group is killed. */
const STOP_GRACE_MS = 40_000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

/** Runs the project on a LocalCluster and reads what Storm measured. Never leaves a process behind. */
export function launch(options: LaunchOptions): Promise<LaunchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'storm-studio-run-'));
  const jar = join(dir, 'topology.jar');
  const flux = join(dir, 'flux.yaml');
  const out = join(dir, 'result.json');
  const log = join(dir, 'storm.log');
  writeFileSync(jar, topologyJar(options.bundle));
  writeFileSync(flux, options.bundle.files.find((f) => f.path === 'flux.yaml')!.content);
  const args = [
    `-Dstorm.jar=${jar}`,
    '-Dlog4j.configurationFile=storm-studio-log4j2.xml',
    `-Dstorm.studio.log=${log}`,
    '-XX:+UseSerialGC',
    '-Xss1m',
    '-cp',
    [jar, options.runner.jar, ...options.runner.classpath].join(':'),
    'storm.studio.runner.Runner',
  ];
  const child = spawn(options.tools.java, args, { cwd: dir, detached: true, stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, PATH: options.tools.path } });
  const request = { flux, out, seconds: options.seconds, drainSeconds: options.drainSeconds, seed: options.seed, ...(options.samples ? { samples: options.samples } : {}) };
  child.stdin.write(`${JSON.stringify(request)}\n`);
  // stdin stays open: the runner stops when it closes (when this process is gone).
  child.stdin.on('error', () => {});
  let interrupted = false;
  let stderrTail: string[] = [];
  let carry = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('storm-studio: ')) options.onProgress(line.slice('storm-studio: '.length));
      else if (line.trim() !== '') stderrTail = [...stderrTail.slice(-19), line];
    }
  });
  if (child.pid !== undefined) options.onStart?.(child.pid);
  let forced: NodeJS.Timeout | null = null;
  const stop = (why: string) => {
    if (interrupted) return;
    interrupted = true;
    options.onProgress(`${why}: closing the LocalCluster`);
    // Closing its stdin tells the runner the caller is leaving: it closes the LocalCluster and exits.
    child.stdin.end();
    if (child.pid !== undefined) forced = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), STOP_GRACE_MS);
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  const onAbort = () => stop('cancelled');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const unlisten = () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    options.signal?.removeEventListener('abort', onAbort);
  };
  if (options.signal?.aborted) onAbort();
  return new Promise((resolveResult) => {
    child.on('error', (e) => {
      unlisten();
      resolveResult({ ok: false, message: `Could not start ${options.tools.java}: ${e.message}`, dir, interrupted: false });
    });
    child.on('exit', (code, signal) => {
      unlisten();
      if (forced) clearTimeout(forced);
      // Whatever the JVM left (shell components of a crashed worker) goes with its group.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      const finish = (r: LaunchResult) => {
        if (!options.keep && r.ok) rmSync(dir, { recursive: true, force: true });
        resolveResult(r);
      };
      if (interrupted) {
        finish({ ok: false, message: 'Stopped: the LocalCluster was shut down.', dir, interrupted: true });
        return;
      }
      const result = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as StormRun | { error: string }) : null;
      // A result without an error: the run completed, or Storm ended it early (`ended` says why).
      if (result && !('error' in result) && (code === 0 || result.ended !== undefined)) {
        finish({ ok: true, run: result, dir });
        return;
      }
      const why = result && 'error' in result ? result.error : `the runner's JVM exited with ${code ?? signal}${stderrTail.length ? `:\n${stderrTail.join('\n')}` : ''}`;
      finish({ ok: false, message: `The run on Storm failed: ${why}\nStorm's log: ${log}`, dir, interrupted: false });
    });
  });
}
