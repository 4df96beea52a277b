/**
 * npm run storm before it starts anything: bad arguments, what real Storm cannot run (listed
 * before the run), and a machine without Java or Maven (one message). The runs on real Storm are
 * in storm/real-storm.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bolt, serializeDocument, spout, subscribe, topology, withLanguage, wordCountExample } from '../src/model';
import { stormCli } from './storm/test-kit';

const dir = mkdtempSync(join(tmpdir(), 'storm-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const wordCountJs = () => file('wc-js.json', serializeDocument(withLanguage(wordCountExample(), 'javascript')));

describe('npm run storm, before the run', () => {
  it('refuses bad arguments with the usage', async () => {
    const r = await stormCli([wordCountJs(), '--seconds', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seconds must be a number > 0[\s\S]*usage: npm run storm -- /);
  });

  it('without Java and Maven: one message naming what to install, nothing started', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-tools-'));
    const r = await stormCli([wordCountJs(), '--seconds', '1'], { PATH: empty, HOME: process.env.HOME });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^npm run storm runs the topology on Apache Storm 2\.8, which needs Java 17 or newer \(java\) and Maven 3 \(mvn\) on the PATH\. Install them .*apt-get install openjdk-17-jdk-headless maven.*\. The app, npm run simulate and npm run export work without them\.$/)]);
  });

  it('lists what real Storm cannot run before the run, and does not start it', async () => {
    const base = withLanguage(wordCountExample(), 'javascript');
    const doc = {
      ...base,
      components: base.components.map((c) =>
        c.id === 'split' ? { ...c, code: { ...c.code, javascript: 'export default class B extends BasicBolt {\n  process(tup) {\n    storm.emit([tup.values[0]]\n  }\n}\n' } } : c.id === 'count' ? { ...c, language: 'python' as const, costMs: 5, code: { ...c.code, python: `import js\n${c.code.python!}` } } : c,
      ),
    };
    const empty = mkdtempSync(join(tmpdir(), 'no-tools-'));
    // No Java on the PATH either: the list comes first, before anything looks for Storm.
    const r = await stormCli([file('features.json', serializeDocument(doc))], { PATH: empty, HOME: process.env.HOME });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/uses what real Storm cannot run as Storm Studio does; the run does not start:$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✗ SyntaxError: .* \(component "split", line 4\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✗ "count" imports 'js' \(line 1\), which exists only in Storm Studio's browser runtime \(Pyodide\): the component would fail as it starts\.$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}- "count" has a simulated cost of 5 ms per call/));
    expect(r.stderr).not.toMatch(/needs Java/);
  });

  it('refuses a stream Storm would reject before the run', async () => {
    const js = (kind: string) => `export default class C extends ${kind} {}\n`;
    const doc = topology('empty-stream', [spout('s', { javascript: js('Spout'), fields: [] }), bolt('b', { javascript: js('BasicBolt'), fields: ['x'] })], [subscribe('s', 'b')]);
    const r = await stormCli([file('empty.json', serializeDocument(withLanguage(doc, 'javascript')))], { PATH: mkdtempSync(join(tmpdir(), 'no-tools-')), HOME: process.env.HOME });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/✗ Stream "default" of "s" has no fields, and Flux cannot pass an empty field list to FluxShellSpout: it is not declared, so Storm rejects the subscriptions to it\./);
  });
});
