/**
 * The Node runtime of JavaScript components on Storm's multilang protocol, against a fake Storm:
 * the handshake, spouts and both kinds of bolts, task ids interleaved with heartbeats, logging,
 * crashes, the seeded Math.random, and the word count example's code unchanged.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';
import { wordCountExample } from '../../src/model';
import { FakeStorm, isCommand, type Message } from './fake-storm';

const RUNTIME = join(dirname(fileURLToPath(import.meta.url)), 'storm-studio.mjs');
const running: FakeStorm[] = [];

afterEach(() => {
  for (const s of running.splice(0)) s.kill();
});

/** Starts `node storm-studio.mjs comp.mjs` in a folder holding the component, as Storm would. */
function start(source: string, files: Record<string, string> = {}): FakeStorm {
  const dir = mkdtempSync(join(tmpdir(), 'storm-studio-node-'));
  writeFileSync(join(dir, 'comp.mjs'), source);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const storm = new FakeStorm(['node', RUNTIME, 'comp.mjs'], dir);
  running.push(storm);
  return storm;
}

const tuple = (id: string, values: unknown[], extra: Partial<{ comp: string; stream: string; task: number }> = {}) => ({ id, comp: 'src', stream: 'default', task: 7, tuple: values, ...extra });
const heartbeat = (id: string) => ({ id, comp: null, stream: '__heartbeat', task: -1, tuple: [] });

describe('handshake', () => {
  it('answers with its pid and writes the pid file Storm checks', async () => {
    const storm = start('export default class S extends Spout {}');
    const pid = await storm.handshake();
    expect(pid).toBe(storm.pid);
    expect(existsSync(join(storm.pidDir, String(pid)))).toBe(true);
  });

  it('gives initialize the conf and context of the handshake', async () => {
    const storm = start(`export default class S extends Spout {
      initialize(conf, context) { storm.log(JSON.stringify([conf['my.key'], context.taskid, context.componentid, context['task->component']['3']])); }
    }`);
    await storm.handshake({ conf: { 'my.key': 'v' }, context: { taskid: 3, componentid: 'words', 'task->component': { '3': 'words' } } });
    expect(await storm.read()).toEqual({ command: 'log', msg: '["v",3,"words","words"]', level: 2 });
  });

  it('storm.readFile reads a data file next to the module by its name, and refuses a path', async () => {
    const storm = start(
      `export default class S extends Spout {
      initialize() {
        storm.log(storm.readFile('words.csv'));
        try { storm.readFile('../words.csv'); } catch (e) { storm.log(e.message); }
      }
    }`,
      { 'words.csv': 'word\nstorm\n' },
    );
    await storm.handshake();
    expect(await storm.read()).toEqual({ command: 'log', msg: 'word\nstorm\n', level: 2 });
    expect(await storm.read()).toEqual({ command: 'log', msg: 'storm.readFile expects a file name, not ../words.csv', level: 2 });
  });

  it('exits quietly when Storm closes its stdin', async () => {
    const storm = start('export default class B extends BasicBolt {}');
    await storm.handshake();
    storm.close();
    expect(await storm.exited).toBe(0);
  });
});

describe('spouts', () => {
  it('emits with a message id on next, returns the task ids Storm sends, and syncs', async () => {
    const storm = start(`export default class S extends Spout {
      nextTuple() { const tasks = storm.emit(['a'], { id: 42, stream: 'words' }); storm.log('sent to ' + tasks.join(',')); }
    }`);
    await storm.handshake();
    storm.send({ command: 'next', id: '' });
    expect(await storm.read()).toEqual({ command: 'emit', tuple: ['a'], id: 42, stream: 'words' });
    storm.send([4, 5]);
    expect(await storm.read()).toEqual({ command: 'log', msg: 'sent to 4,5', level: 2 });
    expect(await storm.read()).toEqual({ command: 'sync' });
  });

  it('calls ack, fail, activate and deactivate, each answered with sync', async () => {
    const storm = start(`export default class S extends Spout {
      ack(id) { storm.log('ack ' + JSON.stringify(id)); }
      fail(id) { storm.log('fail ' + JSON.stringify(id)); }
      activate() { storm.log('on'); }
      deactivate() { storm.log('off'); }
    }`);
    await storm.handshake();
    for (const m of [{ command: 'activate', id: '' }, { command: 'ack', id: 1 }, { command: 'fail', id: { k: [2] } }, { command: 'deactivate', id: '' }]) storm.send(m);
    const msgs: Message[] = [];
    for (let i = 0; i < 8; i++) msgs.push(await storm.read());
    expect(msgs).toEqual([
      { command: 'log', msg: 'on', level: 2 },
      { command: 'sync' },
      { command: 'log', msg: 'ack 1', level: 2 },
      { command: 'sync' },
      { command: 'log', msg: 'fail {"k":[2]}', level: 2 },
      { command: 'sync' },
      { command: 'log', msg: 'off', level: 2 },
      { command: 'sync' },
    ]);
  });

  it('emits direct without waiting for task ids', async () => {
    const storm = start(`export default class S extends Spout {
      nextTuple() { storm.log(String(storm.emitDirect(9, ['x'], { stream: 'd' }))); }
    }`);
    await storm.handshake();
    storm.send({ command: 'next', id: '' });
    expect(await storm.read()).toEqual({ command: 'emit', tuple: ['x'], stream: 'd', task: 9 });
    expect(await storm.read()).toEqual({ command: 'log', msg: '9', level: 2 });
    expect(await storm.read()).toEqual({ command: 'sync' });
  });
});

describe('bolts', () => {
  it('BasicBolt: anchors emits to the input and acks it after process', async () => {
    const storm = start(`export default class B extends BasicBolt {
      process(tup) { storm.emit([tup.values[0].toUpperCase()]); }
    }`);
    await storm.handshake();
    storm.send(tuple('111', ['hi']));
    expect(await storm.read()).toEqual({ command: 'emit', tuple: ['HI'], anchors: ['111'] });
    storm.send([3]);
    expect(await storm.read()).toEqual({ command: 'ack', id: '111' });
  });

  it('answers heartbeats with sync, also while it waits for the task ids of an emit', async () => {
    const storm = start(`export default class B extends BasicBolt {
      process(tup) { storm.log('tasks ' + storm.emit([1]).join(',')); }
    }`);
    await storm.handshake();
    storm.send(heartbeat('h1'));
    expect(await storm.read()).toEqual({ command: 'sync' });
    storm.send(tuple('1', ['x']));
    expect(await storm.read()).toMatchObject({ command: 'emit', anchors: ['1'] });
    storm.send(heartbeat('h2')); // before the task ids, as ShellBolt's writer thread may do
    storm.send([2, 3]);
    expect(await storm.read()).toEqual({ command: 'log', msg: 'tasks 2,3', level: 2 });
    expect(await storm.read()).toEqual({ command: 'ack', id: '1' });
    expect(await storm.read()).toEqual({ command: 'sync' });
  });

  it('does not wait for the task ids of an emit until the code looks at them; each emit gets its own', async () => {
    const storm = start(`export default class B extends BasicBolt {
      initialize() { this.kept = []; }
      process(tup) {
        if (tup.values[0] === 'show') {
          storm.log(this.kept.map((t) => Array.isArray(t) + ':' + t.join('+')).join(' ') + ' ' + JSON.stringify([...this.kept[1]]));
          return;
        }
        this.kept.push(storm.emit(['a']), storm.emit(['b']));
      }
    }`);
    await storm.handshake();
    storm.send(tuple('1', ['x']));
    expect(await storm.read()).toMatchObject({ command: 'emit', tuple: ['a'] });
    expect(await storm.read()).toMatchObject({ command: 'emit', tuple: ['b'] });
    expect(await storm.read()).toEqual({ command: 'ack', id: '1' }); // Storm has sent no ids yet: it did not wait
    storm.send([1]);
    storm.send(heartbeat('h'));
    storm.send([2, 3]);
    expect(await storm.read()).toEqual({ command: 'sync' });
    storm.send(tuple('2', ['show']));
    expect(await storm.read()).toEqual({ command: 'log', msg: 'true:1 true:2+3 [2,3]', level: 2 });
    expect(await storm.read()).toEqual({ command: 'ack', id: '2' });
  });

  it('BasicBolt: FailedException fails the input; acking it by hand is not repeated', async () => {
    const storm = start(`export default class B extends BasicBolt {
      process(tup) {
        if (tup.values[0] === 'bad') throw new FailedException('no');
        storm.ack(tup);
      }
    }`);
    await storm.handshake();
    storm.send(tuple('1', ['bad']));
    expect(await storm.read()).toEqual({ command: 'fail', id: '1' });
    storm.send(tuple('2', ['good']));
    expect(await storm.read()).toEqual({ command: 'ack', id: '2' });
    storm.send(heartbeat('h'));
    expect(await storm.read()).toEqual({ command: 'sync' }); // no second ack of '2' in between
  });

  it('Bolt: the code anchors, acks and fails; tick tuples say so', async () => {
    const storm = start(`export default class B extends Bolt {
      process(tup) {
        if (tup.isTickTuple()) { storm.log('tick ' + tup.values[0]); return; }
        storm.emit(['a'], { anchors: [tup], stream: 's' });
        if (tup.values[0] > 1) storm.fail(tup); else storm.ack(tup);
      }
    }`);
    await storm.handshake();
    storm.send({ id: 't', comp: '__system', stream: '__tick', task: -1, tuple: [5] });
    expect(await storm.read()).toEqual({ command: 'log', msg: 'tick 5', level: 2 });
    storm.send(tuple('9', [2]));
    expect(await storm.read()).toEqual({ command: 'emit', tuple: ['a'], stream: 's', anchors: ['9'] });
    storm.send([1]);
    expect(await storm.read()).toEqual({ command: 'fail', id: '9' });
  });

  it('runs the word count example\'s JavaScript unchanged', async () => {
    const doc = wordCountExample();
    const split = doc.components.find((c) => c.id === 'split')!.code.javascript!;
    const count = doc.components.find((c) => c.id === 'count')!.code.javascript!;
    const s = start(split);
    await s.handshake();
    s.send(tuple('1', ['the cow jumped']));
    for (const word of ['the', 'cow', 'jumped']) {
      expect(await s.read()).toEqual({ command: 'emit', tuple: [word], anchors: ['1'] });
      s.send([4]);
    }
    expect(await s.read()).toEqual({ command: 'ack', id: '1' });
    const c = start(count);
    await c.handshake();
    c.send(tuple('5', ['moon']));
    expect(await c.read()).toEqual({ command: 'emit', tuple: ['moon', 1], anchors: ['5'] });
    c.send([8]);
    c.send(tuple('6', ['moon']));
    expect(await c.readUntil(isCommand('emit'))).toEqual([{ command: 'ack', id: '5' }, { command: 'emit', tuple: ['moon', 2], anchors: ['6'] }]);
  });
});

describe('logging, errors and crashes', () => {
  it('sends console output and storm.log to Storm\'s log with its levels, reportError as an error', async () => {
    const storm = start(`export default class B extends BasicBolt {
      process() { console.log('a', 1, { b: 2 }); console.debug('d'); console.warn('w'); console.error('e'); storm.reportError('bad'); }
    }`);
    await storm.handshake();
    storm.send(tuple('1', []));
    expect(await storm.readUntil(isCommand('ack'))).toEqual([
      { command: 'log', msg: 'a 1 {"b":2}', level: 2 },
      { command: 'log', msg: 'd', level: 1 },
      { command: 'log', msg: 'w', level: 3 },
      { command: 'log', msg: 'e', level: 4 },
      { command: 'error', msg: 'bad' },
      { command: 'ack', id: '1' },
    ]);
  });

  it('crashes on any other exception: logs the traceback and the tuple, reports the error, exits', async () => {
    const storm = start(`export default class B extends BasicBolt {
      process(tup) {
        return this.boom(tup);
      }
      boom() { throw new RangeError('too far'); }
    }`);
    await storm.handshake({ context: { taskid: 4, componentid: 'count', 'task->component': {} } });
    storm.send(tuple('1', ['moon', 3]));
    const [caught, processing, error] = [await storm.read(), await storm.read(), await storm.read()] as { msg: string; command: string; level?: number }[];
    expect(caught!.level).toBe(4);
    expect(caught!.msg).toMatch(/^Caught exception in BasicBolt\.run\nRangeError: too far\n\s+at B\.boom \(storm-studio\/count\.js:5:22\)\n\s+at B\.process \(storm-studio\/count\.js:3:21\)$/);
    expect(processing).toEqual({ command: 'log', msg: 'The error occurred while processing this tuple: ["moon",3]', level: 4 });
    expect(error!.command).toBe('error');
    expect(error!.msg.split('\n')[0]).toBe('RangeError: too far');
    expect(await storm.exited).toBe(1);
  });

  it('refuses a module without a component class, saying what it needs', async () => {
    const storm = start('export default 42;');
    await storm.handshake();
    const m = (await storm.read()) as { msg: string };
    expect(m.msg).toContain('must be a class extending Spout, Bolt or BasicBolt');
    expect(await storm.exited).toBe(1);
  });

  it('has no timers: a component runs only inside Storm\'s calls', async () => {
    const storm = start(`export default class S extends Spout {
      nextTuple() { setTimeout(() => {}, 1); }
    }`);
    await storm.handshake();
    storm.send({ command: 'next', id: '' });
    const m = (await storm.read()) as { msg: string };
    expect(m.msg).toContain('setTimeout is not available in Storm components');
  });
});

describe('randomness', () => {
  it('with storm.studio.seed, Math.random draws what the simulator draws for that task', async () => {
    const storm = start(`export default class S extends Spout {
      nextTuple() { storm.emit([Math.random(), Math.random(), storm.random()], { id: 1 }); }
    }`);
    await storm.handshake({ conf: { 'storm.studio.seed': 7 }, context: { taskid: 3, componentid: 's', 'task->component': {} } });
    storm.send({ command: 'next', id: '' });
    const emitted = (await storm.read()) as { tuple: number[] };
    const rng = new Rng(7, 'task', 3);
    expect(emitted.tuple).toEqual([rng.random(), rng.random(), rng.random()]);
  });

  it('without a seed, Math.random is Node\'s own: two runs of the same task draw differently', async () => {
    const draws: number[] = [];
    for (let i = 0; i < 2; i++) {
      const storm = start(`export default class S extends Spout {
        nextTuple() { storm.emit([Math.random()], { id: 1 }); }
      }`);
      await storm.handshake({ context: { taskid: 3, componentid: 's', 'task->component': {} } });
      storm.send({ command: 'next', id: '' });
      draws.push(((await storm.read()) as { tuple: number[] }).tuple[0]!);
    }
    expect(draws[0]).not.toBe(draws[1]);
  });
});
