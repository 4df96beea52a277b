/**
 * The programs a real Storm run needs on this machine: Java 17 or newer and Maven 3 (for Storm
 * itself), `node` for JavaScript components and `python3` for Python ones. Missing ones are named
 * in one message with how to install them; nothing else in Storm Studio needs them.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface Toolchain {
  readonly java: string;
  readonly mvn: string;
  readonly javaMajor: number;
  /** PATH for the JVM and the components it starts: this Node's folder first, so `node` is the one running now. */
  readonly path: string;
}

/** The full path of `command` on `path`, or null. */
export function which(command: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, command);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return null;
}

const INSTALL = 'Install them (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless maven; macOS: brew install openjdk@17 maven) and run it again.';

/** The major version `java -version` prints (`openjdk version "17.0.15"` → 17; `"1.8.0_392"` → 8), or null. */
export function javaMajor(versionText: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!m) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

function output(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30_000 }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

/**
 * Finds Java and Maven (and `python3` when `python` is set). Resolves to the toolchain, or to
 * one message naming everything missing and how to install it.
 *
 * @example
 * const tools = await findToolchain(process.env, { python: true });
 * if (typeof tools === 'string') exit(tools);
 */
export async function findToolchain(env: NodeJS.ProcessEnv, needs: { readonly python?: boolean } = {}): Promise<Toolchain | string> {
  const path = [dirname(process.execPath), env.PATH ?? ''].join(delimiter);
  const java = env.JAVA_HOME && which('java', join(env.JAVA_HOME, 'bin')) ? join(env.JAVA_HOME, 'bin', 'java') : which('java', env.PATH);
  const mvn = which('mvn', env.PATH);
  const missing: string[] = [];
  if (!java) missing.push('Java 17 or newer (java)');
  if (!mvn) missing.push('Maven 3 (mvn)');
  if (needs.python && !which('python3', env.PATH)) missing.push('Python 3 (python3, for the Python components)');
  let major = 0;
  if (java) {
    const found = javaMajor(await output(java, ['-version']));
    if (found === null || found < 17) {
      missing.unshift(`Java 17 or newer (${java} is ${found === null ? 'not a Java this could read the version of' : `Java ${found}`})`);
    } else major = found;
  }
  if (missing.length > 0) {
    return `npm run storm runs the topology on Apache Storm 2.8, which needs ${missing.join(' and ')} on the PATH. ${INSTALL} The app, npm run simulate and npm run export work without them.`;
  }
  return { java: java!, mvn: mvn!, javaMajor: major, path };
}
