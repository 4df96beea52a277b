/**
 * Maven for real Storm runs: builds (once, then cached) the runner in storm/runner, and builds
 * exported Storm projects. Maven resolves Storm from the configured repositories on first use and
 * keeps it in the local repository (~/.m2). A failure becomes one message saying what Maven could
 * not do, without Maven's stack traces.
 *
 * Storm's flux-core and flux-wrappers inherit from the pom `org.apache.storm:flux`, which Storm's
 * release build deploys with them. A repository that lacks it (a partial mirror) makes every build
 * that depends on Flux fail. Only when a build fails for exactly that reason is the flux pom of
 * Storm's source tag (storm/maven/flux-<version>.pom, the released file) installed into the local
 * repository, with a line saying so, and the build run again.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORM_VERSION } from '../../src/formats/flux/maven';
import type { Toolchain } from './toolchain';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The runner's Maven project (STORM_STUDIO_RUNNER_DIR points elsewhere, for tests that must not touch the cached build). */
export const RUNNER_DIR = process.env.STORM_STUDIO_RUNNER_DIR ? resolve(process.env.STORM_STUDIO_RUNNER_DIR) : join(REPO_ROOT, 'storm', 'runner');
export const RUNNER_JAR = join(RUNNER_DIR, 'target', 'storm-studio-runner.jar');
const RUNNER_CLASSPATH = join(RUNNER_DIR, 'target', 'classpath.txt');
const RUNNER_STAMP = join(RUNNER_DIR, 'target', 'sources.sha256');
/** The released pom of Storm's flux module, from the source tag of the version the projects pin. */
export const FLUX_PARENT_POM = join(REPO_ROOT, 'storm', 'maven', `flux-${STORM_VERSION}.pom`);

/** A Maven run that failed, with the message to show (no stack trace). */
export class MavenError extends Error {
  constructor(
    message: string,
    /** Maven could not get an artifact (network, repository, missing version). */
    readonly resolution: boolean,
    /** The full output, for a log file. */
    readonly output: string,
  ) {
    super(message);
    this.name = 'MavenError';
  }
}

/** Terminal colour codes: Maven writes a few even in batch mode (`\u001b[0m` before a line). */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The `[ERROR]` lines that say something (not Maven's help links and re-run advice). */
export function mavenErrors(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.replace(ANSI, '').trimEnd())
    .filter((l) => l.startsWith('[ERROR]'))
    .map((l) => l.replace(/^\[ERROR\]\s?/, '').replace(/\s*-> \[Help \d+\]$/, ''))
    .filter((l) => l !== '' && !/^(-> \[Help|To see the full stack trace|Re-run Maven|For more information about|\[Help \d+\])/.test(l) && !/^\s+at /.test(l));
}

const RESOLUTION = /Could not (resolve|find|transfer)|could not be resolved|in offline mode|Failed to read artifact descriptor|Non-resolvable parent POM|Unknown host|Connection refused|Connect to .* failed|was cached in the local repository|Could not collect dependencies|Failed to collect dependencies/i;
const MISSING_FLUX_PARENT = new RegExp(`org\\.apache\\.storm:flux:pom:${STORM_VERSION.replace(/\./g, '\\.')}`);

/** Runs `mvn -B <args>` in `dir`; resolves with the output or rejects with a {@link MavenError}. */
export function runMaven(tools: Toolchain, dir: string, args: readonly string[], what: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(tools.mvn, ['-B', ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PATH: tools.path } }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) {
        resolvePromise(output);
        return;
      }
      const errors = mavenErrors(output);
      const resolution = RESOLUTION.test(output);
      const first = errors.slice(0, 6).join('\n  ') || `mvn exited with ${error.code ?? error.signal}`;
      const message = resolution
        ? `Maven could not resolve Apache Storm ${STORM_VERSION} for ${what}:\n  ${first}\nCheck the network and the repositories in ~/.m2/settings.xml (the first run downloads about 170 MB of Storm and its dependencies into ~/.m2).`
        : `Maven failed ${what}:\n  ${first}`;
      reject(new MavenError(message, resolution, output));
    });
  });
}

/**
 * Runs a Maven build; when it fails only because the repository lacks Storm's flux parent pom,
 * installs the released one from storm/maven into the local repository (saying so through
 * `log`) and runs it again.
 */
export async function buildWithFluxParent(tools: Toolchain, dir: string, args: readonly string[], what: string, log: (line: string) => void): Promise<string> {
  try {
    return await runMaven(tools, dir, args, what);
  } catch (e) {
    if (!(e instanceof MavenError) || !MISSING_FLUX_PARENT.test(e.output)) throw e;
    log(`Maven cannot resolve org.apache.storm:flux:${STORM_VERSION}, the parent pom of flux-core and flux-wrappers (Storm's releases deploy it; this repository lacks it): installing the released pom from Storm's v${STORM_VERSION} source tag (${relative(process.cwd(), FLUX_PARENT_POM) || FLUX_PARENT_POM}) into the local Maven repository.`);
    await runMaven(tools, REPO_ROOT, ['-q', 'install:install-file', `-Dfile=${FLUX_PARENT_POM}`, `-DpomFile=${FLUX_PARENT_POM}`, '-Dpackaging=pom'], 'installing the flux parent pom');
    return runMaven(tools, dir, args, what);
  }
}

/** A hash of the runner's sources (pom.xml and src/): the cached jar is rebuilt when they change. */
export function runnerSourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(relative(RUNNER_DIR, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  hash.update(readFileSync(join(RUNNER_DIR, 'pom.xml')));
  walk(join(RUNNER_DIR, 'src'));
  return hash.digest('hex');
}

export interface Runner {
  readonly jar: string;
  /** Storm's jars (and Flux's) in the local Maven repository. */
  readonly classpath: readonly string[];
  /** True when this call built it. */
  readonly built: boolean;
}

/** The runner's jar and classpath, built with Maven when missing, stale or when the local repository lost a jar. */
export async function ensureRunner(tools: Toolchain, log: (line: string) => void): Promise<Runner> {
  const hash = runnerSourceHash();
  const cached = (): readonly string[] | null => {
    if (!existsSync(RUNNER_JAR) || !existsSync(RUNNER_CLASSPATH) || !existsSync(RUNNER_STAMP)) return null;
    if (readFileSync(RUNNER_STAMP, 'utf8').trim() !== hash) return null;
    const classpath = readFileSync(RUNNER_CLASSPATH, 'utf8').trim().split(':').filter(Boolean);
    return classpath.every((p) => existsSync(p)) ? classpath : null;
  };
  const ready = cached();
  if (ready) return { jar: RUNNER_JAR, classpath: ready, built: false };
  log(`building the runner (storm/runner) with Maven; the first time, Maven downloads Apache Storm ${STORM_VERSION} (about 170 MB, kept in ~/.m2)`);
  await buildWithFluxParent(tools, RUNNER_DIR, ['-q', 'package'], 'building the runner (storm/runner)', log);
  writeFileSync(RUNNER_STAMP, `${hash}\n`);
  const built = cached();
  if (!built) throw new MavenError(`Maven built the runner but ${relative(process.cwd(), RUNNER_CLASSPATH)} lists jars that are not there.`, false, '');
  return { jar: RUNNER_JAR, classpath: built, built: true };
}
