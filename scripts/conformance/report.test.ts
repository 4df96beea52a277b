import { describe, expect, it } from 'vitest';
import type { Row } from './compare';
import { DEPARTURES } from './departures';
import { markdown, textTable } from './report';
import { spanOf, type ScenarioResult } from './run';
import { SCENARIOS } from './scenarios';
import type { StormRun } from '../storm/figures';

const spec = SCENARIOS.find((s) => s.id === 'fields')!;
const rows: Row[] = [
  { scenario: 'fields', figure: 'plan: tasks', simulator: '__acker 1, sink 2-4, src 5', storm: '__acker 1, sink 2-4, src 5', verdict: 'match' },
  { scenario: 'fields', figure: 'sink.executed', simulator: '120', storm: '119', verdict: 'DIFFERENT' },
  { scenario: 'fields', figure: 'slow.capacity', simulator: '0.4', storm: '0.003', verdict: 'departure', note: 'shell bolts' },
];
const result: ScenarioResult = { spec, rows, stormCode: 0, wallSecs: { simulator: 3, storm: 40 } };
const failed: ScenarioResult = { spec: SCENARIOS[0]!, rows: [], error: 'npm run storm exited with 1 without a report:\nboom', stormCode: 1, wallSecs: { simulator: 3, storm: 40 } };

describe('the conformance report', () => {
  it('docs/conformance.md: the run, the scenarios with their worst verdict, the tolerances, every row, the departures', () => {
    const md = markdown([result, failed], { date: '2026-12-03 06:40 UTC', load: '20.1 19.0 18.2', machine: '2 cores', seed: 7, storm: '2.8.3' }, DEPARTURES);
    expect(md).toContain('This run: 2026-12-03 06:40 UTC, seed 7, 2 cores, load average before the run 20.1 19.0 18.2. 3 figures in 2 scenarios: 1 match, 0 within tolerance, 1 departures, 1 DIFFERENT.');
    expect(md).toContain('| [fields](../storm/conformance/scenarios/fields.json) |');
    expect(md).toMatch(/\| \[fields\].* \| 4 \| DIFFERENT \|/);
    expect(md).toMatch(/\| \[word-count\].* \| ERROR \|/);
    expect(md).toContain('| fields | sink.executed | 120 | 119 | DIFFERENT |');
    expect(md).toContain('| word-count | run | | | ERROR: npm run storm exited with 1 without a report: boom |');
    expect(md).toContain('## Tolerances');
    for (const d of DEPARTURES) expect(md).toContain(`- **${d.title}.**`);
  });

  it('the terminal table has one line per figure and the errors', () => {
    const text = textTable([result, failed]).split('\n');
    expect(text[0]).toMatch(/^scenario\s+figure\s+simulator\s+Storm\s+verdict$/);
    expect(text.filter((l) => l.startsWith('fields'))).toHaveLength(3);
    expect(text.some((l) => l.startsWith('word-count') && l.includes('ERROR: npm run storm exited with 1'))).toBe(true);
  });

  it('Storm\'s span per component is its longest executor uptime', () => {
    const exec = (component: string, uptimeSecs: number) => ({ component, taskStart: 1, taskEnd: 1, host: 'h', port: 1, uptimeSecs, capacity: null, stats: null });
    expect(spanOf({ executors: [exec('a', 10), exec('a', 12), exec('b', 9)] } as unknown as StormRun)).toEqual({ uptimeSecs: { a: 12, b: 9 } });
  });
});
