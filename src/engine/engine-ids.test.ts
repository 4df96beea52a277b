import { describe, expect, it } from 'vitest';
import { bolt, spout, stream, subscribe, topology } from '../model';
import { idRecord, own } from './id-record';
import { mergeSnapshots } from './snapshot';
import { logMessages, startEngine } from './test-kit';

// Ids that name what every JavaScript object inherits: ordinary component and stream ids to Storm.
const SPOUT = `export default class S extends Spout {
  initialize() { this.n = 0; }
  nextTuple() { this.n++; storm.emit(['w' + (this.n % 5)], { id: this.n }); if (this.n % 3 === 0) storm.emit([this.n], { stream: 'toString', id: -this.n }); }
}`;
const PASS = `export default class P extends BasicBolt { process(t) { storm.log('got ' + t.values[0]); storm.emit([t.values[0]]); } }`;
const REPORT = `export default class R extends BasicBolt { process(t) { if (t.values[0] % 30 === 0) storm.reportError('thirty'); } }`;
const SINK = `export default class K extends BasicBolt { process(t) {} }`;

function idsTopology(workers = 1) {
  return topology(
    'ids',
    [
      spout('constructor', { javascript: SPOUT, streams: [stream('default', ['valueOf']), stream('toString', ['n'])] }),
      bolt('toString', { javascript: PASS, fields: ['w'], parallelism: 2 }),
      bolt('valueOf', { javascript: SINK, fields: [] }),
      bolt('hasOwnProperty', { javascript: REPORT, fields: [] }),
    ],
    [
      subscribe('constructor', 'toString', { kind: 'fields', fields: ['valueOf'] }),
      subscribe('toString', 'valueOf', { kind: 'shuffle' }),
      subscribe('constructor', 'hasOwnProperty', { kind: 'shuffle' }, 'toString'),
    ],
    { workers },
  );
}

describe('component and stream ids are ordinary names', () => {
  it('a topology of constructor, toString, valueOf and hasOwnProperty runs, and its snapshot names each of them', async () => {
    const engine = await startEngine(idsTopology(2));
    engine.runUntil(3_000);
    const snap = structuredClone(engine.snapshot());
    // (A variable, not \`.constructor\`: TypeScript would read Object's own members.)
    const stats = (id: string) => snap.components[id]!;
    expect(Object.keys(snap.components).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(stats('constructor').kind).toBe('spout');
    expect(stats('constructor').windows.all.acked).toBeGreaterThan(100);
    for (const id of ['toString', 'valueOf', 'hasOwnProperty']) expect(stats(id).windows.all.executed, id).toBeGreaterThan(100);
    expect(stats('toString').tasks).toEqual(own(engine.plan.tasks, 'toString'));
    // Only the bolt that reported an error has a last error.
    expect(stats('hasOwnProperty').lastError?.message).toBe('thirty');
    for (const id of ['constructor', 'toString', 'valueOf']) expect(stats(id).lastError, id).toBeNull();
    expect(Object.keys(snap.edges).sort()).toEqual(['constructor->toString', 'constructor:toString->hasOwnProperty', 'toString->valueOf']);
    expect(snap.edges['toString->valueOf']!.transferred.all).toBeGreaterThan(100);
    expect(Object.keys(snap.raw.histograms.all)).toContain('valueOf');
    expect(logMessages(engine, 'toString')[0]).toMatch(/^got w\d$/);
    // Two hosts' snapshots merge by id, the last errors too.
    const merged = structuredClone(mergeSnapshots([snap, snap]));
    const mergedStats = (id: string) => merged.components[id]!;
    expect(mergedStats('valueOf').windows.all.executed).toBe(2 * stats('valueOf').windows.all.executed);
    expect(mergedStats('hasOwnProperty').lastError?.message).toBe('thirty');
    expect(mergedStats('constructor').lastError).toBeNull();
  });

  it('"__proto__" is refused as a system id, with the reason', async () => {
    const doc = topology('p', [spout('__proto__', { javascript: SPOUT, fields: ['w'] }), bolt('b', { javascript: SINK, fields: [] })], [subscribe('__proto__', 'b')]);
    await expect(startEngine(doc)).rejects.toThrow(/E_SYSTEM_ID: Spout "__proto__": ids starting with "__" are reserved/);
  });

  it('id records store and read any id as an own key', () => {
    const r = idRecord<number>();
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) r[id] = id.length;
    expect(Object.keys(r)).toEqual(['constructor', 'toString', '__proto__', 'hasOwnProperty']);
    expect(own(r, '__proto__')).toBe(9);
    expect(own({}, 'constructor')).toBeUndefined();
    expect(own(structuredClone(r), '__proto__')).toBe(9);
  });
});
