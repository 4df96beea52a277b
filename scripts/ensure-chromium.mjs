#!/usr/bin/env node
// Makes sure Debian's Chromium is present for the Playwright tests. Playwright's own browser
// download cannot work offline, so the e2e suite drives /usr/bin/chromium (or $CHROMIUM_PATH).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`ensure-chromium: CHROMIUM_PATH=${path} does not exist. Point it at a Chromium binary.`);
  process.exit(1);
}

console.log('ensure-chromium: /usr/bin/chromium is missing; installing Debian\'s chromium package…');
const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? [] : ['sudo', '-n'];
const run = (args) => spawnSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
if (!hasApt) {
  console.error('ensure-chromium: apt-get is not available. Install Chromium yourself and set CHROMIUM_PATH to its binary.');
  process.exit(1);
}
let r = run([...sudo, 'apt-get', 'update', '-qq']);
if (r.status === 0) r = run([...sudo, 'apt-get', 'install', '-y', '-qq', 'chromium', 'fonts-dejavu-core']);
if (r.status !== 0 || !existsSync(path)) {
  console.error(
    'ensure-chromium: could not install chromium with apt-get' +
      (isRoot ? '' : ' (needs root or passwordless sudo)') +
      '. Install it with `apt-get install chromium` or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
console.log(`ensure-chromium: installed ${path}`);
