// The document's wheels in exported projects: shipped as they are under packages/, installed by
// requirements.txt (Storm) and setup.sh (Petrel), and no longer asked of PyPI by name.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { wordCountExample, type TopologyDocument } from '../model';
import { tinyWheel } from '../python/test-wheel';
import { readWheel } from '../python/wheels';
import { exportFlux } from './flux/export';
import { exportPetrel } from './petrel/export';
import { zipFiles } from './zip';

const bytes = tinyWheel();
const withWheel = (): TopologyDocument => {
  const r = readWheel('wordtools-1.0-py3-none-any.whl', bytes);
  if (!r.ok) throw new Error(r.message);
  const base = wordCountExample();
  return { ...base, packages: [r.value], components: base.components.map((c, i) => (i === 1 ? { ...c, code: { python: `import wordtools\nimport requests\n${c.code.python}` } } : c)) };
};

describe("exported projects carry the document's wheels", () => {
  it('Storm (Flux): packages/<wheel> byte for byte, listed in requirements.txt instead of its name', () => {
    const r = exportFlux(withWheel());
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const wheel = r.value.files.find((f) => f.path === 'packages/wordtools-1.0-py3-none-any.whl');
    expect(wheel?.bytes).toEqual(bytes);
    const reqs = r.value.files.find((f) => f.path === 'requirements.txt')!.content.split('\n');
    expect(reqs).toContain('packages/wordtools-1.0-py3-none-any.whl');
    expect(reqs).toContain('requests');
    expect(reqs).not.toContain('wordtools');
    const zipped = unzipSync(zipFiles(r.value.files, r.value.folder));
    expect(zipped[`${r.value.folder}/packages/wordtools-1.0-py3-none-any.whl`]).toEqual(bytes);
  });

  it('Petrel: setup.sh pip installs the wheel shipped next to it, and manifest.txt packs it', () => {
    const r = exportPetrel(withWheel());
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const file = (path: string) => r.value.files.find((f) => f.path === path)!;
    expect(file('packages/wordtools-1.0-py3-none-any.whl').bytes).toEqual(bytes);
    expect(file('setup.sh').content).toContain('pip install "$(dirname "$0")"/packages/wordtools-1.0-py3-none-any.whl\n');
    expect(file('setup.sh').content).toContain('pip install requests\n');
    expect(file('setup.sh').content).not.toContain('pip install wordtools');
    expect(file('manifest.txt').content.split('\n')).toContain('packages/wordtools-1.0-py3-none-any.whl');
  });

  it('the shipped wheel is one pip installs', () => {
    const r = exportFlux(withWheel());
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const dir = mkdtempSync(join(tmpdir(), 'storm-studio-wheel-'));
    try {
      mkdirSync(join(dir, 'packages'));
      const wheel = r.value.files.find((f) => f.path.startsWith('packages/'))!;
      writeFileSync(join(dir, wheel.path), wheel.bytes!);
      const pip = spawnSync('python3', ['-m', 'pip', 'install', '--no-index', '--no-deps', '--quiet', '--target', join(dir, 'site'), wheel.path], { cwd: dir, encoding: 'utf8' });
      expect(pip.status, pip.stderr).toBe(0);
      expect(existsSync(join(dir, 'site', 'wordtools', '__init__.py'))).toBe(true);
      const run = spawnSync('python3', ['-c', 'import wordtools; print(wordtools.shout("moon"))'], { cwd: dir, env: { ...process.env, PYTHONPATH: join(dir, 'site') }, encoding: 'utf8' });
      expect(run.stdout).toBe('MOON!\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
