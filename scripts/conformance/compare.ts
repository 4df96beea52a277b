/**
 * The conformance suite's comparison: one scenario's `npm run simulate --json` report beside its
 * `npm run storm --json` report, figure by figure, each with a verdict. Pure functions (no
 * processes, no Java): scripts/conformance.ts runs the two commands, this file judges them.
 *
 * Tolerances, and why (docs/conformance.md repeats them):
 * - the plan: exact (Storm's plan is computed, not measured);
 * - counts (emitted, transferred, executed, acked, failed) of a scenario whose spouts are finite:
 *   exact (every tuple is accounted for in both runs); of a scenario whose spouts run until the
 *   end: within 25 % (the simulator runs N seconds of virtual time, Storm N seconds of wall time
 *   after a start whose first second is slower, then drains what is in flight);
 * - which task a value reaches: exact for fields, partialKey, global, all, direct (Storm computes
 *   them); as per-task shares for shuffle, none and localOrShuffle (Storm draws them), within 0.10
 *   of each other, the same tasks reached from each sending task;
 * - latencies: within max(10 ms, 50 %) (Storm's include the multilang pipe, its JSON and the JVM's
 *   threads on a shared machine; the simulator's a modelled cost);
 * - capacity: within max(0.10, 30 %) once Storm's is taken over the same span as the simulator's
 *   (Storm divides by the executor's uptime, which includes its start and the drain);
 * - tick tuples: per task, the same rate within 25 % (Storm's over its executors' uptime).
 */

/** What both reports carry per component (`simulate --json` / `storm --json`; null where Storm measures nothing). */
export interface ComponentReport {
  readonly kind: 'spout' | 'bolt' | 'acker';
  readonly emitted: number;
  readonly transferred: number;
  readonly executed: number;
  readonly acked: number;
  readonly failed: number;
  readonly completeLatencyMs: number | null;
  readonly executeLatencyMs: number | null;
  readonly processLatencyMs: number | null;
  readonly capacity: number | null;
  readonly throttledMs: number | null;
  readonly lastError: string | null;
  readonly tasks: Readonly<Record<string, { readonly executed: number; readonly emitted: number }>>;
}

export interface RunReport {
  readonly plan: {
    readonly workers: number;
    readonly tasks: Readonly<Record<string, readonly number[]>>;
    readonly executors: readonly { readonly component: string; readonly tasks: readonly [number, number] | readonly number[]; readonly worker: number }[];
  };
  readonly components: Readonly<Record<string, ComponentReport>>;
  readonly logs: readonly { readonly component: string; readonly task: number; readonly message: string }[];
  readonly topology: { readonly seconds: number };
}

/** What the comparison needs of a run besides its report: the span its figures cover, per component (seconds). */
export interface RunSpan {
  readonly uptimeSecs: Readonly<Record<string, number>>;
}

export type Verdict = 'match' | 'within tolerance' | 'DIFFERENT' | 'departure';

export interface Row {
  readonly scenario: string;
  readonly figure: string;
  readonly simulator: string;
  readonly storm: string;
  readonly verdict: Verdict;
  /** Why a departure or a tolerance applies, or what differs. */
  readonly note?: string;
}

/** How a scenario's values are routed, read from its bolts' `got <value>` log lines. */
export type RoutingMode =
  /** Storm computes the target (fields, partialKey, global, all, direct): each value on the same tasks. */
  | 'exact'
  /** Storm draws the target (shuffle, none): per-task shares, and which tasks each sending task reached. */
  | 'distribution';

export interface ScenarioSpec {
  readonly id: string;
  /** What the scenario shows (one line, for the report). */
  readonly what: string;
  readonly seconds: number;
  /** `exact`: finite spouts, every count must match; `rate`: spouts run until the end. */
  readonly counts: 'exact' | 'rate';
  /** Bolts whose `got <value>` lines say where values went, and how to judge them. */
  readonly routing?: Readonly<Record<string, RoutingMode>>;
  /** Bolts whose `tick` lines count tick tuples per task. */
  readonly ticks?: readonly string[];
  /** Latency and capacity figures to compare (`component.figure`); others are not meaningful in the scenario. */
  readonly timings?: readonly string[];
  /** Figures (`component.figure` or `plan`, `routing:<bolt>`, …) that differ on purpose, with the reason (docs/conformance.md, Departures). */
  readonly departures?: Readonly<Record<string, string>>;
}

export const TOLERANCE = {
  /** Relative tolerance of counts when the spouts run until the end. */
  rateCounts: 0.25,
  /** Largest difference of a task's share of the values, where Storm draws the target. */
  share: 0.1,
  latencyAbsMs: 10,
  latencyRel: 0.5,
  capacityAbs: 0.1,
  capacityRel: 0.3,
  tickRate: 0.25,
} as const;

const COUNTS = ['emitted', 'transferred', 'executed', 'acked', 'failed'] as const;

/** A verdict of two numbers: equal → match; apart by at most max(`abs`, `rel` × the larger) → within tolerance. */
export function judgeNumber(sim: number, storm: number, abs: number, rel: number): Verdict {
  if (sim === storm) return 'match';
  return Math.abs(sim - storm) <= Math.max(abs, rel * Math.max(Math.abs(sim), Math.abs(storm))) ? 'within tolerance' : 'DIFFERENT';
}

/** Where values went: value → task → how many times, from `got <value>` lines of `component`. */
export function routes(report: RunReport, component: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const l of report.logs) {
    if (l.component !== component || !l.message.startsWith('got ')) continue;
    const value = l.message.slice(4);
    const tasks = out.get(value) ?? new Map<number, number>();
    tasks.set(l.task, (tasks.get(l.task) ?? 0) + 1);
    out.set(value, tasks);
  }
  return out;
}

const taskList = (tasks: Map<number, number>): string =>
  [...tasks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, n]) => (n === 1 ? String(t) : `${t}×${n}`))
    .join(',');

/** Each value on the same tasks, as many times: the first differences, or none. */
export function routeDifferences(sim: Map<string, Map<number, number>>, storm: Map<string, Map<number, number>>): string[] {
  const out: string[] = [];
  for (const value of new Set([...sim.keys(), ...storm.keys()])) {
    const a = taskList(sim.get(value) ?? new Map<number, number>());
    const b = taskList(storm.get(value) ?? new Map<number, number>());
    if (a !== b) out.push(`${value}: ${a || '-'} vs ${b || '-'}`);
  }
  return out;
}

/** Share of the values each task got. */
export function shares(r: Map<string, Map<number, number>>): Map<number, number> {
  const counts = new Map<number, number>();
  let total = 0;
  for (const tasks of r.values()) {
    for (const [t, n] of tasks) {
      counts.set(t, (counts.get(t) ?? 0) + n);
      total += n;
    }
  }
  return new Map([...counts.entries()].sort((a, b) => a[0] - b[0]).map(([t, n]) => [t, n / total]));
}

/** Largest difference between two tasks' shares (a task one side never reached counts as 0). */
export function shareDistance(a: Map<number, number>, b: Map<number, number>): number {
  let d = 0;
  for (const t of new Set([...a.keys(), ...b.keys()])) d = Math.max(d, Math.abs((a.get(t) ?? 0) - (b.get(t) ?? 0)));
  return d;
}

/**
 * Which tasks each sending task reached, when values name their sender (`s<task>:…`); one line
 * per sender, e.g. `s5→1,2 s6→3,4`. Empty when the values do not name senders.
 */
export function reach(r: Map<string, Map<number, number>>): string {
  const bySender = new Map<string, Set<number>>();
  for (const [value, tasks] of r) {
    const m = /^(s\d+):/.exec(value);
    if (!m) return '';
    const set = bySender.get(m[1]!) ?? new Set<number>();
    for (const t of tasks.keys()) set.add(t);
    bySender.set(m[1]!, set);
  }
  return [...bySender.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([s, set]) => `${s}→${[...set].sort((a, b) => a - b).join(',')}`)
    .join(' ');
}

const pct = (m: Map<number, number>): string =>
  [...m.entries()].map(([t, s]) => `${t}:${Math.round(s * 100)}%`).join(' ') || '-';

function planRows(id: string, sim: RunReport, storm: RunReport): { figure: string; sim: string; storm: string }[] {
  const tasks = (r: RunReport) =>
    Object.entries(r.plan.tasks)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([c, ts]) => `${c} ${ts.length > 1 ? `${ts[0]}-${ts[ts.length - 1]}` : ts[0]}`)
      .join(', ');
  const executors = (r: RunReport) => r.plan.executors.map((e) => `${e.component}[${e.tasks[0]}-${e.tasks[1]}]@w${e.worker}`).join(' ');
  void id;
  return [
    { figure: 'plan: workers', sim: String(sim.plan.workers), storm: String(storm.plan.workers) },
    { figure: 'plan: tasks', sim: tasks(sim), storm: tasks(storm) },
    { figure: 'plan: executors (tasks, worker)', sim: executors(sim), storm: executors(storm) },
  ];
}

const fmt = (x: number | null, digits = 3): string => (x === null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(digits));

/** Tick lines per task, as a rate per second of `span` (seconds). */
export function tickRates(report: RunReport, component: string, span: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const l of report.logs) if (l.component === component && l.message === 'tick') counts.set(l.task, (counts.get(l.task) ?? 0) + 1);
  for (const t of report.plan.tasks[component] ?? []) if (!counts.has(t)) counts.set(t, 0);
  return new Map([...counts.entries()].sort((a, b) => a[0] - b[0]).map(([t, n]) => [t, span > 0 ? n / span : 0]));
}

/**
 * Compares one scenario's two runs: the plan, each component's counts, routing, ticks, latencies
 * and capacity, last errors. A figure listed in `spec.departures` that differs is a `departure`.
 */
export function compareRuns(spec: ScenarioSpec, sim: RunReport, storm: RunReport, stormSpan: RunSpan): Row[] {
  const rows: Row[] = [];
  const add = (figure: string, simText: string, stormText: string, verdict: Verdict, note?: string) => {
    const departure = spec.departures?.[figure];
    if (departure !== undefined && verdict !== 'match') rows.push({ scenario: spec.id, figure, simulator: simText, storm: stormText, verdict: 'departure', note: departure });
    else rows.push({ scenario: spec.id, figure, simulator: simText, storm: stormText, verdict, ...(note ? { note } : {}) });
  };

  for (const p of planRows(spec.id, sim, storm)) add(p.figure, p.sim, p.storm, p.sim === p.storm ? 'match' : 'DIFFERENT');

  const components = Object.keys(sim.components).sort();
  for (const c of Object.keys(storm.components)) if (!(c in sim.components)) add(`${c}`, 'absent', 'present', 'DIFFERENT');
  for (const c of components) {
    const a = sim.components[c]!;
    const b = storm.components[c];
    if (!b) {
      add(`${c}`, 'present', 'absent', 'DIFFERENT');
      continue;
    }
    for (const k of COUNTS) {
      if (a.kind === 'spout' && k === 'executed') continue;
      const verdict = spec.counts === 'exact' ? (a[k] === b[k] ? 'match' : 'DIFFERENT') : judgeNumber(a[k], b[k], 0, TOLERANCE.rateCounts);
      add(`${c}.${k}`, String(a[k]), String(b[k]), verdict);
    }
    if (a.lastError !== null || b.lastError !== null) add(`${c}.lastError`, a.lastError ?? '-', b.lastError ?? '-', a.lastError === b.lastError ? 'match' : 'DIFFERENT');
  }

  for (const figure of spec.timings ?? []) {
    const [c, k] = figure.split('.') as [string, 'completeLatencyMs' | 'executeLatencyMs' | 'processLatencyMs' | 'capacity' | 'throttledMs'];
    const a = sim.components[c]?.[k] ?? null;
    const b0 = storm.components[c]?.[k] ?? null;
    if (k === 'throttledMs') {
      // Whether the spout was held back at all: how long depends on the machine.
      const as = (a ?? 0) > 0 ? 'held back' : 'never';
      const bs = (b0 ?? 0) > 0 ? 'held back' : 'never';
      add(figure, `${as} (${fmt(a, 1)} ms)`, `${bs} (${fmt(b0, 1)} ms)`, as === bs ? 'match' : 'DIFFERENT');
      continue;
    }
    if (a === null || b0 === null) {
      add(figure, fmt(a), fmt(b0), a === b0 ? 'match' : 'DIFFERENT', 'measured on one side only');
      continue;
    }
    if (k === 'capacity') {
      const up = stormSpan.uptimeSecs[c] ?? 0;
      const b = up > 0 ? (b0 * up) / spec.seconds : b0;
      add(figure, fmt(a), `${fmt(b)} (Storm UI: ${fmt(b0)} over ${fmt(up, 0)} s)`, judgeNumber(Number(a.toFixed(3)), Number(b.toFixed(3)), TOLERANCE.capacityAbs, TOLERANCE.capacityRel));
      continue;
    }
    add(figure, fmt(a), fmt(b0), judgeNumber(a, b0, TOLERANCE.latencyAbsMs, TOLERANCE.latencyRel));
  }

  for (const [bolt, mode] of Object.entries(spec.routing ?? {})) {
    const ra = routes(sim, bolt);
    const rb = routes(storm, bolt);
    const figure = `routing: ${bolt}`;
    const n = (r: Map<string, Map<number, number>>) => [...r.values()].reduce((s, m) => s + [...m.values()].reduce((x, y) => x + y, 0), 0);
    if (mode === 'exact') {
      const diff = routeDifferences(ra, rb);
      add(figure, `${n(ra)} values, ${ra.size} distinct`, `${n(rb)} values, ${rb.size} distinct`, diff.length === 0 ? 'match' : 'DIFFERENT', diff.length === 0 ? 'every value on the same task(s)' : `${diff.length} values differ, e.g. ${diff.slice(0, 3).join('; ')}`);
    } else {
      const sa = shares(ra);
      const sb = shares(rb);
      const d = shareDistance(sa, sb);
      add(`${figure} (shares)`, pct(sa), pct(sb), d === 0 ? 'match' : d <= TOLERANCE.share ? 'within tolerance' : 'DIFFERENT', `largest difference ${Math.round(d * 100)} points`);
      const xa = reach(ra);
      const xb = reach(rb);
      if (xa !== '' || xb !== '') add(`${figure} (tasks each sender reached)`, xa, xb, xa === xb ? 'match' : 'DIFFERENT');
    }
  }

  for (const bolt of spec.ticks ?? []) {
    const ra = tickRates(sim, bolt, spec.seconds);
    const rb = tickRates(storm, bolt, stormSpan.uptimeSecs[bolt] ?? 0);
    const text = (m: Map<number, number>) => [...m.entries()].map(([t, r]) => `${t}:${r.toFixed(2)}/s`).join(' ');
    let verdict: Verdict = 'match';
    for (const t of new Set([...ra.keys(), ...rb.keys()])) {
      const v = judgeNumber(Number((ra.get(t) ?? 0).toFixed(2)), Number((rb.get(t) ?? 0).toFixed(2)), 0, TOLERANCE.tickRate);
      if (v === 'DIFFERENT') verdict = 'DIFFERENT';
      else if (v === 'within tolerance' && verdict === 'match') verdict = 'within tolerance';
    }
    add(`ticks: ${bolt} (per task)`, text(ra), text(rb), verdict);
  }
  return rows;
}

/** The worst verdict of a list (DIFFERENT > within tolerance/departure > match). */
export function worst(rows: readonly Row[]): Verdict {
  if (rows.some((r) => r.verdict === 'DIFFERENT')) return 'DIFFERENT';
  if (rows.some((r) => r.verdict === 'departure')) return 'departure';
  if (rows.some((r) => r.verdict === 'within tolerance')) return 'within tolerance';
  return 'match';
}
