/**
 * The fast subset of the conformance suite (`npm run conformance` runs all of it): the word count,
 * fields grouping and acking with multi-anchoring, explicit fail and replay, each on the simulator
 * and on a real Storm LocalCluster (one at a time), compared by the suite's own code. No figure may
 * be DIFFERENT; the comparison's verdicts are shown when one is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../scripts/conformance/run';
import { CI_SUBSET, SCENARIOS } from '../scripts/conformance/scenarios';

const workDir = mkdtempSync(join(tmpdir(), 'storm-conformance-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.sequential('conformance (fast subset): the simulator against real Storm', () => {
  for (const id of CI_SUBSET) {
    it(id, async () => {
      const spec = SCENARIOS.find((s) => s.id === id)!;
      const r = await runScenario(spec, { seed: 7, workDir });
      expect(r.error).toBeUndefined();
      const table = r.rows.map((x) => `${x.figure}: ${x.simulator} | ${x.storm} → ${x.verdict}${x.note ? ` (${x.note})` : ''}`).join('\n');
      expect(r.rows.filter((x) => x.verdict === 'DIFFERENT'), table).toEqual([]);
      // The comparison looked at what the scenario is about: the plan, the counts and where values went.
      expect(r.rows.map((x) => x.figure)).toEqual(expect.arrayContaining(['plan: executors (tasks, worker)', `routing: ${Object.keys(spec.routing!)[0]}`]));
      expect(r.rows.filter((x) => x.verdict === 'match').length).toBeGreaterThan(10);
    });
  }
});
