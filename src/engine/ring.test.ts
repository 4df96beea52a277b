import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bolt, spout, subscribe, topology, wordCountExample, type TopologyDocument } from '../model';
import type { Engine } from './engine';
import { createRing, K_CONGESTION } from './ring';
import { RingReader } from './ring-reader';
import { RingWriter } from './ring-writer';
import { createRingMesh, meshChannels, meshWait, RingLink } from './ring-link';
import { mergeSnapshots } from './snapshot';
import { startEngine } from './test-kit';
import type { Transport, TransportBatch } from './transport';
import { K_ACK_ACK, K_TICK, K_USER, Tuple } from './tuple';

const STREAMS = ['default', '__tick', 'words'];
const componentOf = (task: number) => `c${task}`;

function userTuple(values: readonly unknown[], i = 0): Tuple {
  const t = new Tuple(K_USER, 3 + (i % 4), 7, 'c7', 'words', 2, values, 100 + i);
  t.putXor(11, -12, 13 + i, 14);
  if (i % 3 === 1) t.putXor(21, 22, 23, 24); // a second root
  t.sampled = i % 5 === 0;
  return t;
}

/** Writes tuples, moving side values as the message transport would; returns what the reader got. */
function roundTrip(tuples: readonly Tuple[], words = 1 << 12): Tuple[] {
  const sab = createRing(words);
  const w = new RingWriter(sab);
  const r = new RingReader(sab);
  const out: Tuple[] = [];
  const read = () =>
    r.read(
      () => new Tuple(),
      STREAMS,
      componentOf,
      (t) => out.push(t),
      () => {},
    );
  for (const t of tuples) {
    while (!w.write(t)) {
      w.publish();
      const side = w.takeSideValues();
      if (side) r.addSideValues(side.first, structuredClone(side.values));
      read();
    }
  }
  const side = w.takeSideValues();
  w.publish();
  read(); // stops at the first record whose side value is still on its way
  if (side) r.addSideValues(side.first, structuredClone(side.values));
  read();
  return out;
}

const same = (a: unknown, b: unknown) => expect(b).toStrictEqual(a);

describe('shared-memory ring between hosts', () => {
  it('round-trips tuples: ids, roots, routing and every kind of value', () => {
    const values: unknown[][] = [
      ['the', 1, -0, 1.5, NaN, Infinity, -3e300, 2 ** 31, -(2 ** 31), true, false, null, undefined],
      ['ünïcödé 😀', '', 'x'.repeat(5000), 'y'.repeat(20000), '\u0000\uffff'],
      [{ a: [1, 2, { b: 'c' }], 'k ey': null }, [3, 'four', [[[]]]], Object.create(null) as object],
      [12345678901234567890n, new Date(0), new Map([[1, 'a']]), new Set([2]), new Uint8Array([1, 2])],
      // eslint-disable-next-line no-sparse-arrays
      [[1, , 3]],
      [],
    ];
    const sent = values.map((v, i) => userTuple(v, i));
    const got = roundTrip(sent);
    expect(got).toHaveLength(sent.length);
    got.forEach((t, i) => {
      const s = sent[i]!;
      expect([t.kind, t.dest, t.task, t.streamIdx, t.stream, t.component, t.seq, t.sampled]).toEqual([K_USER, s.dest, 7, 2, 'words', 'c7', s.seq, s.sampled]);
      expect([t.nRoots, t.rh, t.rl, t.eh, t.el, t.more]).toEqual([s.nRoots, s.rh, s.rl, s.eh, s.el, s.more]);
      expect(t.values).toHaveLength(s.values.length);
      // As a structured clone would copy it (a null-prototype object comes back a plain object).
      s.values.forEach((v, k) => same(structuredClone(v), t.values[k]));
    });
    // A hole stays a hole.
    expect(1 in (got[4]!.values[0] as unknown[])).toBe(false);
  });

  it('round-trips acker messages and tick tuples', () => {
    const ack = new Tuple(K_ACK_ACK, 1, 9, '', '', 0, [], 0);
    ack.rh = -5;
    ack.rl = 6;
    ack.vh = 7;
    ack.vl = -8;
    ack.spoutTask = 4;
    ack.sampled = true;
    const tick = new Tuple(K_TICK, 3, -1, '__system', '__tick', 1, [30], 5);
    const [a, k] = roundTrip([ack, tick]);
    expect([a!.kind, a!.dest, a!.task, a!.rh, a!.rl, a!.vh, a!.vl, a!.spoutTask, a!.sampled]).toEqual([K_ACK_ACK, 1, 9, -5, 6, 7, -8, 4, true]);
    expect([k!.kind, k!.component, k!.stream, k!.task, k!.values]).toEqual([K_TICK, '__system', '__tick', -1, [30]]);
  });

  it('keeps order across wrap-arounds and a full ring, and values too deep for it go whole', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20; i++) deep = [deep];
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const sent = Array.from({ length: 3000 }, (_, i) => userTuple(i === 1234 ? [deep] : i === 2000 ? [cyclic] : [`w${i}`, i], i));
    const got = roundTrip(sent, 1024);
    expect(got.map((t) => t.values[0])).toHaveLength(3000);
    expect(got.filter((_, i) => i !== 1234 && i !== 2000).map((t) => t.values[0])).toEqual(sent.filter((_, i) => i !== 1234 && i !== 2000).map((t) => t.values[0]));
    same(deep, got[1234]!.values[0]);
    const back = got[2000]!.values[0] as Record<string, unknown>;
    expect(back.self).toBe(back);
  });

  it('a full ring refuses a record and accepts it once the reader has caught up', () => {
    const sab = createRing(1024);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    let written = 0;
    while (w.write(userTuple(['a fairly long word to fill the ring'], written))) written++;
    expect(written).toBeGreaterThan(10);
    w.publish();
    expect(r.pending).toBe(true);
    const seen: Tuple[] = [];
    expect(r.read(() => new Tuple(), STREAMS, componentOf, (t) => seen.push(t), () => {})).toBe(written);
    expect(w.write(userTuple(['again'], 0))).toBe(true);
    expect(w.writeCongestion([3, 4])).toBe(true);
    w.publish();
    let congested: number[] = [];
    r.read(() => new Tuple(), STREAMS, componentOf, (t) => seen.push(t), (tasks) => (congested = tasks));
    expect(congested).toEqual([3, 4]);
    expect(seen.at(-1)!.values).toEqual(['again']);
    expect(K_CONGESTION).toBeGreaterThan(K_ACK_ACK);
  });

  it('has nothing pending while it waits for a side value, until the value arrives', () => {
    const sab = createRing(1024);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    w.write(userTuple([new Map([[1, 2]])]));
    w.write(userTuple(['after']));
    const side = w.takeSideValues()!;
    w.publish();
    expect(r.pending).toBe(true);
    const got: Tuple[] = [];
    const read = () => r.read(() => new Tuple(), STREAMS, componentOf, (t) => got.push(t), () => {});
    expect(read()).toBe(0);
    // A host that polls would otherwise spin on a record it cannot read.
    expect(r.pending).toBe(false);
    r.addSideValues(side.first, side.values);
    expect(r.pending).toBe(true);
    expect(read()).toBe(2);
    expect(got.map((t) => t.values[0])).toEqual([new Map([[1, 2]]), 'after']);
  });

  it('any value survives (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.jsonValue(), { maxLength: 4 }), { maxLength: 30 }), (tuples) => {
        const got = roundTrip(tuples.map((v, i) => userTuple(v, i)));
        expect(got.map((t) => t.values)).toStrictEqual(tuples);
      }),
      { numRuns: Number(process.env.RUNS ?? 200) },
    );
  });
});

/** Two hosts joined by rings (and a message transport for side values), or by batches, in lockstep. */
async function twoHosts(doc: TopologyDocument, rings: boolean): Promise<{ hosts: Engine[]; run: (until: number) => void; batches: () => number }> {
  const inbox: TransportBatch[][] = [[], []];
  let batches = 0;
  const transport = (): Transport => ({
    send(to, batch) {
      inbox[to]!.push(structuredClone(batch));
      batches++;
    },
  });
  const ab = createRing(1 << 14);
  const ba = createRing(1 << 14);
  const hosts: Engine[] = [];
  for (const w of [0, 1]) {
    const channels = w === 0 ? { out: [null, ab], in: [null, ba] } : { out: [ba, null], in: [ab, null] };
    hosts.push(await startEngine(doc, { workers: [w], hostOfWorker: [0, 1], transport: transport(), ...(rings ? { rings: channels } : {}) }));
  }
  const run = (until: number) => {
    for (let t = hosts[0]!.time; t < until; t += 1) {
      for (const [h, engine] of hosts.entries()) {
        for (const b of inbox[h]!.splice(0)) engine.receive(b);
        engine.runUntil(t + 1);
      }
    }
  };
  return { hosts, run, batches: () => batches };
}

describe('hosts joined by rings', () => {
  it('run word count exactly as hosts joined by batches do', async () => {
    const doc = { ...wordCountExample(), config: { ...wordCountExample().config, workers: 2 } };
    const viaRings = await twoHosts(doc, true);
    const viaBatches = await twoHosts(doc, false);
    viaRings.run(3_000);
    viaBatches.run(3_000);
    const a = mergeSnapshots(viaRings.hosts.map((h) => h.snapshot({ lineage: false })));
    const b = mergeSnapshots(viaBatches.hosts.map((h) => h.snapshot({ lineage: false })));
    expect(a.components.sentences!.windows.all.acked).toBeGreaterThan(200);
    expect(Array.from(a.raw.windows.all.values)).toEqual(Array.from(b.raw.windows.all.values));
    expect(viaRings.hosts.map((h) => h.eventCount)).toEqual(viaBatches.hosts.map((h) => h.eventCount));
    // Word count's values are strings and numbers: the message transport carried nothing.
    expect(viaRings.batches()).toBe(0);
  });

  it('carry values the rings cannot encode through the message transport, in order', async () => {
    const spoutJs = `export default class S extends Spout {
      initialize() { this.n = 0; }
      nextTuple() { this.n++; storm.emit([this.n % 2 ? new Map([['n', this.n]]) : { n: this.n }], { id: this.n }); }
    }`;
    const boltJs = `export default class B extends BasicBolt {
      initialize() { this.last = 0; }
      process(t) {
        const v = t.values[0];
        const n = v instanceof Map ? v.get('n') : v.n;
        if (n !== this.last + 1) throw new Error('out of order: ' + n + ' after ' + this.last);
        this.last = n;
      }
    }`;
    // Task ids: __acker 1-2, b 3, s 4: b on worker 0, s on worker 1.
    const doc = topology('side', [spout('s', { javascript: spoutJs, fields: ['v'] }), bolt('b', { javascript: boltJs, fields: [] })], [subscribe('s', 'b')], { workers: 2 });
    const { hosts, run, batches } = await twoHosts(doc, true);
    run(1_000);
    const merged = mergeSnapshots(hosts.map((h) => h.snapshot({ lineage: false })));
    expect(merged.components.b!.windows.all.executed).toBeGreaterThan(100);
    expect(merged.logs.filter((l) => l.level === 'ERROR')).toEqual([]);
    expect(batches()).toBeGreaterThan(0);
  });
});

describe('a ring mesh (the rings and doorbells of a run)', () => {
  it('publishes a message at once to a host that waits, else every publishEvery messages', () => {
    const mesh = createRingMesh(2, 1024);
    const bells = new Int32Array(mesh.doorbells);
    const channels = meshChannels(mesh, 0);
    const transport: Transport = { send: () => {} };
    const link = new RingLink(channels, 0, 2, transport, 4, () => {});
    const reader = new RingReader(mesh.rings[0]![1]!);
    for (let i = 0; i < 3; i++) link.send(1, userTuple([`w${i}`], i));
    expect(reader.pending).toBe(false);
    link.send(1, userTuple(['w3'], 3));
    expect(reader.pending).toBe(true);
    reader.read(() => new Tuple(), STREAMS, componentOf, () => {}, () => {});
    Atomics.store(bells, 2, 1); // host 1 sleeps
    link.send(1, userTuple(['now'], 4));
    expect(reader.pending).toBe(true);
    expect(Array.from(bells)).toEqual([0, 0, 0, 1]);
  });

  it('gives each host its rings to and from every other host', () => {
    const mesh = createRingMesh(3, 1024);
    const c1 = meshChannels(mesh, 1);
    expect(c1.out[1]).toBeNull();
    expect(c1.out[2]).toBe(mesh.rings[1]![2]);
    expect(c1.in[0]).toBe(mesh.rings[0]![1]);
    expect(c1.in[2]).toBe(mesh.rings[2]![1]);
    // What host 0 writes to host 1, host 1 reads.
    const w = new RingWriter(meshChannels(mesh, 0).out[1]!);
    const r = new RingReader(c1.in[0]!);
    w.write(userTuple(['hello']));
    w.publish();
    const got: Tuple[] = [];
    r.read(() => new Tuple(), STREAMS, componentOf, (t) => got.push(t), () => {});
    expect(got.map((t) => t.values)).toEqual([['hello']]);
  });

  it("rings a host's doorbell after publishing only while it sleeps (once), and a host with input does not sleep", () => {
    const mesh = createRingMesh(2, 1024);
    const bells = new Int32Array(mesh.doorbells);
    const to1 = meshChannels(mesh, 0);
    to1.published!(1);
    expect(Array.from(bells)).toEqual([0, 0, 0, 0]);
    expect(to1.waiting!(1)).toBe(false);
    Atomics.store(bells, 2, 1); // host 1 is about to sleep
    expect(to1.waiting!(1)).toBe(true);
    to1.published!(1);
    // Rung once: the flag is lowered, a second publish before host 1 sleeps again rings nothing.
    expect(Array.from(bells)).toEqual([0, 0, 0, 1]);
    to1.published!(1);
    expect(Array.from(bells)).toEqual([0, 0, 0, 1]);
    // Input already there: no sleep, the flag is never raised.
    let looks = 0;
    let flagWhileLooking = 0;
    const wait = meshWait(mesh, 1, () => {
      looks++;
      flagWhileLooking = Math.max(flagWhileLooking, Atomics.load(bells, 2));
      return true;
    }, () => 0);
    wait(1000);
    expect(looks).toBe(1);
    expect(flagWhileLooking).toBe(0);
  });

  it('a sleeping host looks once more after raising its flag (a publish in between is not missed), then sleeps and lowers it', () => {
    const mesh = createRingMesh(2, 1024);
    const bells = new Int32Array(mesh.doorbells);
    let clock = 0;
    const seen: number[] = [];
    // No input while spinning; input once the flag is up (published just before the flag was seen).
    const wait = meshWait(mesh, 0, () => {
      seen.push(Atomics.load(bells, 0));
      clock += 0.01;
      return Atomics.load(bells, 0) === 1;
    }, () => clock);
    wait(1000);
    expect(seen.at(-1)).toBe(1);
    expect(seen.slice(0, -1).every((f) => f === 0)).toBe(true);
    expect(Atomics.load(bells, 0)).toBe(0);
  });
});
