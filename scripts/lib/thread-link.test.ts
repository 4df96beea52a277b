/**
 * Hosts in worker threads driven by the app's simulation client: a run that stops by itself at
 * `until` gives the same figures as the engine run in this thread; terminating a thread ends its
 * link. (npm run simulate's own tests cover the watchdog and wall time over threads.)
 */
import { describe, expect, it } from 'vitest';
import { defaultRegistry, Engine } from '../../src/engine';
import { withLanguage, wordCountExample } from '../../src/model';
import { launchSimulation } from '../../src/sim-client/simulation';
import { threadLink } from './thread-link';

const doc = () => withLanguage(wordCountExample(), 'javascript');

describe('threadLink', () => {
  it('runs a host in a worker thread through the simulation client, exactly as in this thread', async () => {
    const sim = await launchSimulation(doc(), { clock: 'virtual', seed: 3, speed: Infinity, until: 5_000 }, { onSnapshot: () => {} }, { link: threadLink });
    try {
      await sim.finished();
      const s = await sim.snapshot();
      const plain = await Engine.create({ document: doc(), seed: 3, runtimes: defaultRegistry().resolver() });
      plain.runUntil(5_000);
      expect(s.time).toBe(5_000);
      expect(s.events).toBe(plain.eventCount);
      expect(s.components).toEqual(plain.snapshot().components);
    } finally {
      await sim.stop();
    }
  }, 60_000);

  it('terminating the thread ends every call in progress with a reason', async () => {
    const link = threadLink(0);
    const pending = link.api.finished();
    link.terminate();
    await expect(pending).rejects.toThrow('The simulation thread 0 was terminated.');
    await expect(link.died).rejects.toThrow('The simulation thread 0 was terminated.');
  }, 60_000);
});
