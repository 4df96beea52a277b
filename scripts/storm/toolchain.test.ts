/**
 * Java, Maven and the Maven failures `npm run storm` explains: with fake `java` and `mvn`
 * programs on the PATH (shell scripts), so nothing here needs Storm.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWithFluxParent, FLUX_PARENT_POM, MavenError, mavenErrors, runMaven } from './maven';
import { findToolchain, javaMajor, type Toolchain } from './toolchain';

/** A folder of fake programs: name → shell script body. */
function bin(programs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-bin-'));
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const JAVA_17 = 'echo \'openjdk version "17.0.15" 2025-04-15\' >&2';

describe('findToolchain', () => {
  it('reads Java versions, old and new', () => {
    expect(javaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajor('java version "1.8.0_392"')).toBe(8);
    expect(javaMajor('openjdk version "25" 2025-09-16')).toBe(25);
    expect(javaMajor('nonsense')).toBeNull();
  });

  it('names everything missing in one message, with how to install it', async () => {
    const empty = bin({});
    const r = await findToolchain({ PATH: empty }, { python: true });
    expect(typeof r).toBe('string');
    expect(r).toMatch(/needs Java 17 or newer \(java\) and Maven 3 \(mvn\) and Python 3 \(python3, for the Python components\) on the PATH/);
    expect(r).toContain('apt-get install openjdk-17-jdk-headless maven');
    expect(r).toContain('npm run simulate and npm run export work without them');
  });

  it('refuses a Java older than 17, saying which it found', async () => {
    const dir = bin({ java: 'echo \'openjdk version "11.0.2" 2019-01-15\' >&2', mvn: 'true' });
    const r = await findToolchain({ PATH: dir });
    expect(r).toMatch(new RegExp(`Java 17 or newer \\(${dir}/java is Java 11\\)`));
  });

  it('finds Java 17 and Maven; JAVA_HOME wins over the PATH', async () => {
    const dir = bin({ java: JAVA_17, mvn: 'true' });
    const home = mkdtempSync(join(tmpdir(), 'jdk-'));
    mkdirSync(join(home, 'bin'));
    writeFileSync(join(home, 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "21.0.1"\' >&2\n');
    chmodSync(join(home, 'bin', 'java'), 0o755);
    const r = (await findToolchain({ PATH: dir, JAVA_HOME: home })) as Toolchain;
    expect([r.java, r.javaMajor, r.mvn]).toEqual([join(home, 'bin', 'java'), 21, join(dir, 'mvn')]);
    expect(r.path.startsWith(`${process.execPath.slice(0, process.execPath.lastIndexOf('/'))}:`)).toBe(true);
  });
});

const RESOLUTION_OUTPUT = `[INFO] Scanning for projects...
\u001b[0m\u001b[0m[ERROR] Failed to execute goal on project storm-studio-runner: Could not resolve dependencies for project storm.studio:storm-studio-runner:jar:1.0.0: Could not transfer artifact org.apache.storm:storm-server:jar:2.8.3 from/to central (https://repo.maven.apache.org/maven2): Connect to repo.maven.apache.org:443 [repo.maven.apache.org/1.2.3.4] failed: Connection refused -> [Help 1]
[ERROR] 
[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
[ERROR] Re-run Maven using the -X switch to enable full debug logging.
[ERROR] 
[ERROR] For more information about the errors and possible solutions, please read the following articles:
[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/DependencyResolutionException`;

const tools = (dir: string): Toolchain => ({ java: join(dir, 'java'), mvn: join(dir, 'mvn'), javaMajor: 17, path: `${dir}:${process.env.PATH}` });

describe('Maven failures', () => {
  it('keeps the [ERROR] lines that say something', () => {
    expect(mavenErrors(RESOLUTION_OUTPUT)).toEqual([expect.stringMatching(/^Failed to execute goal .*Connection refused$/)]);
  });

  it('a repository Maven cannot reach: says it could not resolve Storm, no stack trace', async () => {
    const dir = bin({ mvn: `cat <<'EOF'\n${RESOLUTION_OUTPUT}\nEOF\nexit 1` });
    const e = await runMaven(tools(dir), dir, ['-q', 'package'], 'building the runner').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MavenError);
    const err = e as MavenError;
    expect(err.resolution, err.output).toBe(true);
    expect(err.message).toMatch(/^Maven could not resolve Apache Storm 2\.8\.3 for building the runner:\n {2}Failed to execute goal/);
    expect(err.message).toContain('~/.m2/settings.xml');
    expect(err.message).not.toMatch(/re-run Maven|Help 1\]|\n\s+at /);
  });

  it('a missing flux parent pom: installs Storm\'s released one, says so, and builds again', async () => {
    const state = mkdtempSync(join(tmpdir(), 'mvn-state-'));
    const dir = bin({
      mvn: `echo "$*" >> ${state}/calls
if [ -f ${state}/installed ]; then exit 0; fi
case "$*" in *install:install-file*) touch ${state}/installed; exit 0;; esac
echo "[ERROR] Failed to execute goal on project x: Could not resolve dependencies for project x:x:jar:1: Failed to collect dependencies at org.apache.storm:flux-core:jar:2.8.3: Failed to read artifact descriptor for org.apache.storm:flux-core:jar:2.8.3: Could not find artifact org.apache.storm:flux:pom:2.8.3 in central (https://repo.maven.apache.org/maven2) -> [Help 1]"
exit 1`,
    });
    const lines: string[] = [];
    await buildWithFluxParent(tools(dir), dir, ['-q', 'package'], 'building x', (l) => lines.push(l));
    const calls = readFileSync(join(state, 'calls'), 'utf8').trim().split('\n');
    expect(calls).toEqual(['-B -q package', `-B -q install:install-file -Dfile=${FLUX_PARENT_POM} -DpomFile=${FLUX_PARENT_POM} -Dpackaging=pom`, '-B -q package']);
    expect(lines).toEqual([expect.stringMatching(/^Maven cannot resolve org\.apache\.storm:flux:2\.8\.3, the parent pom of flux-core and flux-wrappers .*installing the released pom from Storm's v2\.8\.3 source tag/)]);
    expect(readFileSync(FLUX_PARENT_POM, 'utf8')).toMatch(/<artifactId>flux<\/artifactId>\s*<packaging>pom<\/packaging>[\s\S]*<version>2\.8\.3<\/version>/);
  });

  it('any other failure is not retried', async () => {
    const state = mkdtempSync(join(tmpdir(), 'mvn-state-'));
    const dir = bin({ mvn: `echo "$*" >> ${state}/calls\necho "[ERROR] COMPILATION ERROR : x.java:[1,1] oops"\nexit 1` });
    const e = (await buildWithFluxParent(tools(dir), dir, ['-q', 'package'], 'building x', () => {}).catch((x: unknown) => x)) as MavenError;
    expect([e.resolution, e.message]).toEqual([false, 'Maven failed building x:\n  COMPILATION ERROR : x.java:[1,1] oops']);
    expect(readFileSync(join(state, 'calls'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
