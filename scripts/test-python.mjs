#!/usr/bin/env node
// Checks the Python runtime in storm/python with the tools in .venv/ (see ensure-python-tools.mjs):
// every file compiles (py_compile), ruff finds nothing (storm/python/pyproject.toml), and the
// runtime's unit tests pass (pytest, storm/python/tests). Caches go into .venv/, not the sources.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'storm', 'python');
const bin = join(root, '.venv', 'bin');
const env = { ...process.env, PYTHONPYCACHEPREFIX: join(root, '.venv', 'pycache'), RUFF_CACHE_DIR: join(root, '.venv', 'ruff-cache') };

const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.py')) files.push(relative(source, path));
  }
};
walk(source);
files.sort();

const steps = [
  ['py_compile', join(bin, 'python'), ['-m', 'py_compile', ...files]],
  ['ruff', join(bin, 'ruff'), ['check', '--quiet', '.']],
  ['pytest', join(bin, 'python'), ['-m', 'pytest', '-q']],
];
for (const [name, cmd, args] of steps) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: source, env });
  if (r.error || r.status !== 0) {
    console.error(`test-python: ${name} failed${r.error ? ` (${r.error.message}; run node scripts/ensure-python-tools.mjs)` : ''}`);
    process.exit(1);
  }
}
console.log(`test-python: ${files.length} files compile, ruff is clean, pytest passed`);
