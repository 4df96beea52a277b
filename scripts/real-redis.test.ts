// A real Redis server (Debian's redis-server on a free 127.0.0.1 port): the synchronous client
// npm run simulate uses, and chapter 5's Redis topology run against it by npm run simulate.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookRedisExample, serializeDocument, withLanguage } from '../src/model';
import { connectRedisSync } from './lib/redis-sync';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const available = existsSync(REDIS_SERVER);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let server: ChildProcess | null = null;
let port = 0;
const dir = mkdtempSync(join(tmpdir(), 'storm-redis-'));

beforeAll(async () => {
  if (!available) return;
  port = await freePort();
  server = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start within 20 s')), 20_000);
    server!.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server!.on('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
  });
}, 30_000);

afterAll(() => {
  server?.kill('SIGTERM');
});

describe.skipIf(!available)('a real redis-server', () => {
  it('the synchronous client: commands, replies, errors, databases; nothing there → null', async () => {
    const r = connectRedisSync(`redis://127.0.0.1:${port}/0`)!;
    expect(r).not.toBeNull();
    try {
      expect(r.call(0, ['FLUSHALL'])).toBe('OK');
      expect(r.call(0, ['ZINCRBY', 'z', '2', 'storm'])).toBe('2');
      r.call(0, ['ZINCRBY', 'z', '1', 'redis']);
      expect(r.call(0, ['ZREVRANGE', 'z', '0', '-1', 'WITHSCORES'])).toEqual(['storm', '2', 'redis', '1']);
      expect(r.call(0, ['GET', 'missing'])).toBeNull();
      expect(r.call(3, ['SET', 'k', 'v'])).toBe('OK');
      expect(r.call(0, ['EXISTS', 'k'])).toBe(0);
      expect(r.call(3, ['GET', 'k'])).toBe('v');
      expect(() => r.call(0, ['INCR', 'z'])).toThrow(/^WRONGTYPE/);
    } finally {
      r.close();
    }
    expect(connectRedisSync(`redis://127.0.0.1:${await freePort()}/0`, 500)).toBeNull();
  });

  // Wall time: a real server expires keys on its own clock, which only wall time shares (in virtual
  // time EXPIREAT names an instant of the simulated 2026-01-01, long past for the server).
  it('npm run simulate runs chapter 5\'s Redis topology against it (wall time)', async () => {
    for (const language of ['python', 'javascript'] as const) {
      const base = withLanguage(bookRedisExample(), language);
      const doc = { ...base, config: { ...base.config, custom: { ...base.config.custom, redis_url: `redis://127.0.0.1:${port}/1` } } };
      const input = join(dir, `redis-${language}.json`);
      writeFileSync(input, serializeDocument(doc));
      const r = connectRedisSync(`redis://127.0.0.1:${port}/0`)!;
      r.call(1, ['FLUSHDB']);
      const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', input, '--seconds', '36', '--clock', 'wall', '--json'], { cwd: join(import.meta.dirname, '..'), maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const report = JSON.parse(out.stdout) as { logs: { component: string; message: string }[] };
      const emitted = report.logs.filter((l) => l.component === 'topwords' && l.message.includes('Emitting: '));
      expect(emitted.length).toBeGreaterThanOrEqual(2);
      // The server holds what the run wrote: the minute buckets (expiring) and the ranking.
      const keys = (r.call(1, ['KEYS', 'word_count:*']) as string[]).sort();
      expect(keys.at(-1)).toBe('word_count:top');
      const buckets = keys.slice(0, -1);
      expect(buckets.length).toBeGreaterThanOrEqual(1);
      for (const b of buckets) expect(b).toMatch(/^word_count:\d+$/);
      expect(r.call(1, ['TTL', buckets[0]!])).toBeGreaterThan(60);
      const top = r.call(1, ['ZREVRANGE', 'word_count:top', '0', '0', 'WITHSCORES']) as string[];
      expect(emitted.at(-1)!.message).toContain(`Emitting: [['${top[0]}', ${top[1]}]`);
      expect(Number(top[1])).toBeGreaterThan(5);
      r.close();
    }
  }, 240_000);
});
