/**
 * Real Apache Storm (2.8.3, from Maven) on this machine, one LocalCluster at a time:
 *
 * - an exported Storm project builds with the README's Maven command and runs on a LocalCluster
 *   with the README's java command;
 * - `npm run storm` runs the word count and reports Storm's figures as `simulate --json` does;
 * - the Python word count runs there with the Petrel API (petrel.run on multilang), and logs the
 *   seeded sentences the simulator's Python logs;
 * - Ctrl-C shuts the LocalCluster down and leaves no process behind;
 * - a component that crashes ends the run (Storm exits the JVM in local mode) with its error (JavaScript
 *   and Python);
 * - a Maven that cannot resolve Storm gives one clear message;
 * - a File replay spout opens the document's data file by name in the jar's resources/ (both languages).
 *
 * The first run on a machine downloads Storm into ~/.m2 (about 170 MB) and builds the runner: the
 * timeouts allow for it. Needs Java 17+ and Maven (`npm test` documents it).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFlux } from '../src/formats';
import { RESOURCES_DIR, stormCommands } from '../src/formats/flux/maven';
import { addDataSource, attachReplayFile, bolt, checkDataFile, serializeDocument, subscribe, topology, withLanguage, wordCountExample } from '../src/model';
import { buildWithFluxParent, REPO_ROOT, RUNNER_DIR } from '../scripts/storm/maven';
import { alive, processGroup, startStormCli, stormCli } from '../scripts/storm/test-kit';
import { findToolchain, which, type Toolchain } from '../scripts/storm/toolchain';

const MINUTES = 60_000;
const wordCountJs = () => withLanguage(wordCountExample(), 'javascript');

/** The word count (JavaScript unless `language` says Python) with `line` added after `after` in component `id`'s code, written to a file to run. */
function wordCountWith(id: string, after: string, line: string, language: 'javascript' | 'python' = 'javascript'): string {
  const base = withLanguage(wordCountExample(), language);
  const indent = language === 'python' ? '        ' : '    ';
  const doc = { ...base, components: base.components.map((c) => (c.id === id ? { ...c, code: { ...c.code, [language]: c.code[language]!.replace(after, `${after}\n${indent}${line}`) } } : c)) };
  const input = join(mkdtempSync(join(tmpdir(), 'storm-run-')), 'wc.json');
  writeFileSync(input, serializeDocument(doc));
  return input;
}

function tools(): Promise<Toolchain> {
  return findToolchain(process.env).then((t) => {
    if (typeof t === 'string') throw new Error(t);
    return t;
  });
}

function writeProject(files: readonly { path: string; content: string }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'storm-project-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
  return root;
}

function bash(command: string, cwd: string, timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd, timeout: timeoutMs, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe.sequential('real Storm', () => {
  it.each(['javascript', 'python'] as const)('an exported word count (%s) builds with Maven and runs on a LocalCluster, with the README\'s commands', async (language) => {
    const bundle = exportFlux(withLanguage(wordCountExample(), language));
    if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
    const root = writeProject(bundle.value.files);
    // Long enough for the workers to start on a loaded machine (Storm counts from the submission).
    const cmd = stormCommands('word-count', 'flux.yaml', 30);
    const readme = bundle.value.files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain(cmd.buildLocal);
    expect(readme).toContain(stormCommands('word-count', 'flux.yaml').runLocal);
    expect(readme).toContain(cmd.submit);
    // The README's build, through the flux parent pom fallback for repositories that lack it.
    await buildWithFluxParent(await tools(), root, cmd.buildLocal.split(' ').slice(1), 'building the exported project', (l) => console.log(l));
    const run = await bash(cmd.runLocal, root, 5 * MINUTES);
    // Storm's log is long (config dumps): a failure shows only the lines that matter.
    const lines = (re: RegExp) => run.output.split('\n').filter((l) => re.test(l)).map((l) => l.slice(0, 400)).join('\n');
    const relevant = lines(/ShellLog|Launched subprocess|ERROR|Exception|died|Halting|STOPPING/);
    expect(run.code, relevant).toBe(0);
    expect(run.output, relevant).toMatch(/Extracting resources from jar at target\/word-count\.jar/);
    expect(run.output.match(/Launched subprocess with pid/g), relevant).toHaveLength(6);
    // Python logs in Petrel's line format ([time][logger][LEVEL]message), JavaScript's console the message.
    const line = (logger: string) => (language === 'python' ? `\\[[^\\]]+\\]\\[${logger}\\]\\[INFO\\]` : '');
    expect(run.output, relevant).toMatch(new RegExp(`ShellLog pid:\\d+, name:sentences ${line('sentences')}sentence spout ready on task 5`));
    expect(run.output, relevant).toMatch(new RegExp(`ShellLog pid:\\d+, name:count ${line('count')}\\w+ seen 100 times`));
    // Nothing died while the topology ran (Storm's shutdown at the end is after 'STOPPING LOCAL MODE CLUSTER').
    const running = run.output.slice(0, run.output.indexOf('STOPPING LOCAL MODE CLUSTER'));
    expect(running, relevant).not.toMatch(/Halting process|ShellBolt died|ShellSpout died/);
    expect(bundle.value.files.map((f) => f.path)).toContain(language === 'python' ? `${RESOURCES_DIR}/petrel/run.py` : `${RESOURCES_DIR}/storm-studio.mjs`);
  }, 15 * MINUTES);

  it('npm run storm --json: the word count on a LocalCluster, Storm\'s figures in simulate\'s object; the same code logs the same lines', async () => {
    // The spout logs its first sentences: with the same seed it draws what the simulator draws.
    const input = wordCountWith('sentences', 'this.pending.set(this.nextId, sentence);', "if (this.nextId <= 10) console.info('sentence ' + this.nextId + ': ' + sentence);");
    const r = await stormCli([input, '--seconds', '3', '--seed', '7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const sim = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', input, '--seconds', '3', '--seed', '7', '--json'], { cwd: REPO_ROOT, maxBuffer: 64 << 20 }, (e, out) => (e ? reject(e) : resolve(out))));
    const s = JSON.parse(sim);
    const spoutLines = (report: { logs: { component: string; message: string }[] }) => report.logs.filter((l) => l.component === 'sentences').map((l) => l.message);
    expect(spoutLines(j)).toHaveLength(11);
    expect(spoutLines(j)).toEqual(spoutLines(s));
    // Storm's plan is the simulator's: same task ids, executors and workers.
    expect(j.plan).toEqual(s.plan);
    // The same keys, all the way down.
    const shape = (x: unknown): unknown => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, shape((x as Record<string, unknown>)[k])])) : typeof x === 'number' || x === null ? 'number|null' : typeof x);
    expect(shape(j.components)).toEqual(shape(s.components));
    expect(Object.keys(j).sort()).toEqual(Object.keys(s).sort());
    const { sentences, split, count } = j.components;
    expect(sentences.emitted).toBeGreaterThan(20);
    // Drained: every sentence's tree completed, every word was counted.
    expect([sentences.acked, sentences.failed]).toEqual([sentences.emitted, 0]);
    expect(split.executed).toBe(sentences.emitted);
    expect(count.executed).toBe(split.emitted);
    expect(Object.keys(count.tasks)).toEqual(['2', '3', '4']);
    expect(j.logs).toContainEqual(expect.objectContaining({ component: 'sentences', task: 5, level: 'INFO', message: 'sentence spout ready on task 5' }));
    expect(j.topology).toMatchObject({ clock: 'wall', seed: 7, seconds: 3, events: null, restarts: null });
    expect(r.stderr).toMatch(/storm: running for 3\.0 s/);
    expect(r.stderr).toMatch(/storm: shutting the LocalCluster down/);
  }, 15 * MINUTES);

  it('npm run storm --json: the Python word count (Petrel API, petrel.run on multilang) counts words, and the same Python code logs the same lines as in the simulator', async () => {
    // The Python spout draws its sentences with random.choice: seeded per task from --seed as the simulator seeds it.
    const input = wordCountWith('sentences', 'self._pending[self._next_id] = sentence', "if self._next_id <= 10:\n            log.info('sentence %d: %s', self._next_id, sentence)", 'python');
    const r = await stormCli([input, '--seconds', '3', '--seed', '7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const sim = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', input, '--seconds', '3', '--seed', '7', '--json'], { cwd: REPO_ROOT, maxBuffer: 64 << 20 }, (e, out) => (e ? reject(e) : resolve(out))));
    const s = JSON.parse(sim);
    expect(j.languages).toEqual({ sentences: 'python', split: 'python', count: 'python' });
    // Petrel's line format, [time][logger][LEVEL]message: the time is the engine's clock in the simulator, the wall clock on Storm.
    const spoutLines = (report: { logs: { component: string; message: string }[] }) =>
      report.logs.filter((l) => l.component === 'sentences').map((l) => l.message.replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/, '[time]'));
    expect(spoutLines(j)).toHaveLength(11);
    expect(spoutLines(j)[0]).toBe('[time][sentences][INFO]sentence spout ready on task 5');
    expect(spoutLines(j)[1]).toMatch(/^\[time\]\[sentences\]\[INFO\]sentence 1: \w+/);
    expect(spoutLines(j)).toEqual(spoutLines(s));
    expect(j.plan).toEqual(s.plan);
    const { sentences, split, count } = j.components;
    expect(sentences.emitted).toBeGreaterThan(20);
    expect([sentences.acked, sentences.failed]).toEqual([sentences.emitted, 0]);
    expect(split.executed).toBe(sentences.emitted);
    expect(count.executed).toBe(split.emitted);
    expect(count.emitted).toBeGreaterThan(sentences.emitted);
    expect(j.notes).toContainEqual(expect.stringMatching(/^Python components run with python3/));
  }, 15 * MINUTES);

  it.each(['python', 'javascript'] as const)('a File replay spout (%s) opens its data file by name in resources/, as in the simulator', async (language) => {
    const added = addDataSource(topology('replay', [], []), 'file-replay', { x: 0, y: 0 }, language);
    const file = checkDataFile('words.csv', new TextEncoder().encode('word,count\nstorm,1\n"spout, bolt",2\n'), 'csv');
    if (!file.ok) throw new Error(file.errors[0]!.message);
    const attached = attachReplayFile(added.doc, added.id, file.value, 'csv');
    if (!attached.ok) throw new Error(attached.errors[0]);
    const collect = bolt('collect', {
      language,
      python: "import logging\nfrom petrel.emitter import BasicBolt\n\nlog = logging.getLogger('collect')\n\n\nclass Collect(BasicBolt):\n    def __init__(self):\n        super(Collect, self).__init__(script=__file__)\n\n    @classmethod\n    def declareOutputFields(cls):\n        return []\n\n    def process(self, tup):\n        log.info('got %r', tup.values)\n\n\ndef run():\n    Collect().run()\n",
      javascript: "export default class Collect extends BasicBolt {\n  process(tup) { console.info('got ' + JSON.stringify(tup.values)); }\n}\n",
      fields: [],
    });
    const doc = { ...attached.value, components: [...attached.value.components, collect], subscriptions: [subscribe(added.id, 'collect')] };
    const input = join(mkdtempSync(join(tmpdir(), 'storm-run-')), 'replay.json');
    writeFileSync(input, serializeDocument(doc));
    const r = await stormCli([input, '--seconds', '6', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const logs = (JSON.parse(r.stdout) as { logs: { component: string; message: string }[] }).logs;
    const got = logs.filter((l) => l.component === 'collect').map((l) => l.message.replace(/^.*got /, ''));
    expect(got).toEqual(language === 'python' ? ["['storm', '1']", "['spout, bolt', '2']"] : ['["storm","1"]', '["spout, bolt","2"]']);
    expect(logs.filter((l) => l.component === 'file-replay').map((l) => l.message)).toEqual([expect.stringMatching(/words\.csv replayed: 2 tuples$/)]);
  }, 15 * MINUTES);

  it('Ctrl-C shuts the LocalCluster down and leaves no JVM or component process behind', async () => {
    const input = join(mkdtempSync(join(tmpdir(), 'storm-run-')), 'wc.json');
    writeFileSync(input, serializeDocument(wordCountJs()));
    const child = startStormCli([input, '--seconds', '300']);
    let stderr = '';
    let jvm = 0;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        const pid = /runner JVM pid (\d+)/.exec(stderr);
        if (pid) jvm = Number(pid[1]);
        if (/storm: running for/.test(stderr)) resolve();
      });
      void exited.then(() => reject(new Error(`npm run storm ended before the run started:\n${stderr}`)));
    });
    expect(jvm).toBeGreaterThan(0);
    // The topology runs: the JVM and the six component processes are in the JVM's process group.
    expect(processGroup(jvm).length).toBeGreaterThanOrEqual(7);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/SIGINT: closing the LocalCluster/);
    expect(stderr).toMatch(/Stopped: the LocalCluster was shut down\./);
    expect(alive(jvm)).toBe(false);
    expect(processGroup(jvm)).toEqual([]);
  }, 15 * MINUTES);

  it('a component that crashes: Storm ends the run (its JVM exits), the report has the error and the traceback, nothing is left behind', async () => {
    const input = wordCountWith('count', 'const word = tup.values[0];', "if (word === 'moon') throw new RangeError('no moons here');");
    const r = await stormCli([input, '--seconds', '30', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.components.count.lastError).toBe('RangeError: no moons here');
    expect(j.logs).toContainEqual(expect.objectContaining({ component: 'count', level: 'ERROR', message: expect.stringMatching(/^Caught exception in BasicBolt\.run\nRangeError: no moons here\n\s+at WordCountBolt\.process \(storm-studio\/count\.js:12:\d+\)/) }));
    expect(j.notes[0]).toMatch(/^Storm exited the LocalCluster's JVM .* a worker died/);
    const jvm = Number(/runner JVM pid (\d+)/.exec(r.stderr)![1]);
    expect(alive(jvm)).toBe(false);
    expect(processGroup(jvm)).toEqual([]);
  }, 15 * MINUTES);

  it('a Python component that crashes: the report has its error and Petrel\'s lines with the traceback', async () => {
    const input = wordCountWith('count', 'word = tup.values[0]', "if word == 'moon':\n            raise ValueError('no moons here')", 'python');
    const r = await stormCli([input, '--seconds', '30', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.components.count.lastError).toBe('ValueError: no moons here');
    const count = j.logs.filter((l: { component: string; level: string }) => l.component === 'count' && l.level === 'ERROR').map((l: { message: string }) => l.message);
    expect(count[0]).toMatch(/^E_BOLTFAILED__count__.+__pid__\d+__port__-1__taskindex__\d__ValueError$/);
    expect(count[1]).toMatch(/^Caught exception in BasicBolt\.run\nTraceback \(most recent call last\):\n {2}File ".*\/count\.py", line 22, in process\n.*ValueError: no moons here$/s);
    expect(count[2]).toBe("The error occurred while processing this tuple: ['moon']");
    const jvm = Number(/runner JVM pid (\d+)/.exec(r.stderr)![1]);
    expect(alive(jvm)).toBe(false);
    expect(processGroup(jvm)).toEqual([]);
  }, 15 * MINUTES);

  it('a Maven that cannot resolve Storm: one message saying so, no stack trace', async () => {
    // A copy of the runner (its cached build stays untouched) and a Maven that is offline with an empty repository.
    const runner = mkdtempSync(join(tmpdir(), 'runner-copy-'));
    cpSync(join(RUNNER_DIR, 'pom.xml'), join(runner, 'pom.xml'));
    cpSync(join(RUNNER_DIR, 'src'), join(runner, 'src'), { recursive: true });
    const bin = mkdtempSync(join(tmpdir(), 'offline-mvn-'));
    writeFileSync(join(bin, 'mvn'), `#!/bin/sh\nexec ${which('mvn', process.env.PATH)} -o -Dmaven.repo.local=${mkdtempSync(join(tmpdir(), 'empty-m2-'))} "$@"\n`, { mode: 0o755 });
    const input = join(mkdtempSync(join(tmpdir(), 'storm-run-')), 'wc.json');
    writeFileSync(input, serializeDocument(wordCountJs()));
    const r = await stormCli([input, '--seconds', '1'], { ...process.env, PATH: `${bin}:${process.env.PATH}`, STORM_STUDIO_RUNNER_DIR: runner });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Maven could not resolve Apache Storm 2\.8\.3 for building the runner \(storm\/runner\):\n {2}.*(offline|could not be resolved|Could not resolve)/m);
    expect(r.stderr).toMatch(/Check the network and the repositories in ~\/\.m2\/settings\.xml/);
    expect(r.stderr).not.toMatch(/\n\s+at [\w.$]+\(|Exception in thread|-> \[Help/);
  }, 5 * MINUTES);
});
