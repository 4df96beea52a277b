#!/usr/bin/env node
// Makes sure the pinned tools that check the Python runtime (storm/python/requirements-dev.txt:
// ruff, pytest) are installed in the git-ignored virtualenv .venv/, creating or refreshing it when
// it is missing or the pins changed. Needs python3 (3.8+) with venv, and PyPI the first time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const python = join(venv, 'bin', 'python');
const requirements = join(root, 'storm', 'python', 'requirements-dev.txt');
const stamp = join(venv, 'requirements-dev.txt');

const wanted = readFileSync(requirements, 'utf8');
if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
const fail = (message) => {
  console.error(`ensure-python-tools: ${message}`);
  process.exit(1);
};

if (!existsSync(python)) {
  const base = process.env.PYTHON ?? 'python3';
  console.log(`ensure-python-tools: creating .venv/ with ${base}…`);
  const r = run(base, ['-m', 'venv', venv]);
  if (r.error || r.status !== 0) {
    fail(`could not create a virtualenv with \`${base} -m venv\`. Install Python 3.8+ with venv (Debian: apt-get install python3-venv), or set PYTHON to a Python 3 binary.`);
  }
}
console.log('ensure-python-tools: installing storm/python/requirements-dev.txt into .venv/…');
const r = run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
if (r.status !== 0) fail('pip could not install storm/python/requirements-dev.txt (it needs PyPI the first time).');
writeFileSync(stamp, wanted);
console.log('ensure-python-tools: ready');
