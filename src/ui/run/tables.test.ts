import { describe, expect, it } from 'vitest';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model';
import { stormUiRow } from '../viz/storm-columns';
import { BOLT_COLUMNS, boltRows, executorRows, SPOUT_COLUMNS, spoutRows, summaryRows, taskRows, topologyRow, WINDOW_LABELS } from './tables';

async function wordCountSnapshot() {
  const engine = await startEngine(wordCountExample(), { seed: 3 });
  engine.runUntil(20_000);
  return engine.snapshot();
}

/** What Storm UI's `UIHelpers.prettyUptimeStr(secs, PRETTY_SEC_DIVIDERS)` prints (re-derived here, not copied). */
function stormPrettyUptimeSec(secs: number): string {
  const parts: string[] = [];
  let rest = secs;
  for (const [unit, div] of [['s', 60], ['m', 60], ['h', 24], ['d', null]] as const) {
    if (rest <= 0) break;
    if (div === null) parts.unshift(`${rest}${unit}`);
    else {
      parts.unshift(`${rest % div}${unit}`);
      rest = Math.floor(rest / div);
    }
  }
  return parts.join(' ');
}

describe('Storm UI tables', () => {
  it("name the windows as Storm UI does (getWindowHint: prettyUptimeSec, or 'All time')", () => {
    expect(WINDOW_LABELS['600']).toBe(stormPrettyUptimeSec(600));
    expect(WINDOW_LABELS['10800']).toBe(stormPrettyUptimeSec(10800));
    expect(WINDOW_LABELS['86400']).toBe(stormPrettyUptimeSec(86400));
    expect(WINDOW_LABELS.all).toBe('All time');
  });

  it("have Storm UI's columns", () => {
    expect(SPOUT_COLUMNS.map((c) => c.label)).toEqual(['Id', 'Executors', 'Tasks', 'Emitted', 'Transferred', 'Complete latency (ms)', 'Acked', 'Failed', 'Last error']);
    expect(BOLT_COLUMNS.map((c) => c.label)).toEqual([
      'Id',
      'Executors',
      'Tasks',
      'Emitted',
      'Transferred',
      'Capacity (last 10m)',
      'Execute latency (ms)',
      'Executed',
      'Process latency (ms)',
      'Read · process · ack (ms)',
      'Acked',
      'Failed',
      'Last error',
    ]);
  });

  it('fill rows from a snapshot of a real run', async () => {
    const snap = await wordCountSnapshot();
    const summary = summaryRows(snap);
    // Storm UI's labels exactly (UIHelpers.prettyUptimeSec of the window's seconds; "All time").
    expect(summary.map((r) => r.cells.window)).toEqual(['10m 0s', '3h 0m 0s', '1d 0h 0m 0s', 'All time']);
    const all = snap.topology.windows.all;
    expect(summary[3]!.cells.emitted).toBe(all.emitted.toLocaleString('en-US'));
    expect(topologyRow(snap).cells).toEqual({ workers: '1', executors: '7', tasks: '7', uptime: '20.000 s' });

    const [sentences] = spoutRows(snap, 'all');
    expect(sentences!.cells.id).toBe('sentences');
    expect(sentences!.cells.acked).toBe(snap.components.sentences!.windows.all.acked.toLocaleString('en-US'));
    expect(sentences!.cells.complete).toMatch(/^\d+\.\d{3}\np50 \d+\.\d{3} · p99 \d+\.\d{3}$/);

    const bolts = boltRows(snap, '600');
    expect(bolts.map((r) => r.id)).toEqual(['count', 'split']);
    const count = bolts.find((r) => r.id === 'count')!;
    expect(count.cells.executors).toBe('3');
    expect(count.cells.capacity).toMatch(/^\d\.\d{3}$/);
    expect(Number(count.cells.executed!.replace(/,/g, ''))).toBe(snap.components.count!.windows['600'].executed);
    expect(count.cells.error).toBe('');
  });

  it("show on the hover card the table's row over 10 minutes, with the same labels, hints and values", async () => {
    const snap = await wordCountSnapshot();
    for (const [rows, columns] of [
      [spoutRows(snap, '600'), SPOUT_COLUMNS],
      [boltRows(snap, '600'), BOLT_COLUMNS],
    ] as const) {
      for (const row of rows) {
        const card = stormUiRow(snap.components[row.id]!);
        const expected = columns.filter((c) => c.key !== 'id' && row.cells[c.key] !== '').map((c) => ({ label: c.label, value: row.cells[c.key], hint: c.hint }));
        expect(card).toEqual(expected);
      }
    }
  });

  it('break a component down by executor and by task', async () => {
    const snap = await wordCountSnapshot();
    const executors = executorRows(snap, 'count', 'all');
    expect(executors.map((r) => r.cells.id)).toEqual(['[2]', '[3]', '[4]']);
    expect(executors[0]!.cells.queue).toMatch(/^\d+ \/ 32,768$/);
    const tasks = taskRows(snap, 'count', 'all');
    expect(tasks.map((r) => r.cells.id)).toEqual(['2', '3', '4']);
    const sum = tasks.reduce((a, r) => a + Number(r.cells.executed!.replace(/,/g, '')), 0);
    expect(sum).toBe(snap.components.count!.windows.all.executed);
    expect(taskRows(snap, 'sentences', 'all')[0]!.cells.pending).toMatch(/^\d+$/);
  });
});
