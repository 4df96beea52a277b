/**
 * The live canvas overlay: what each node and edge shows while a run exists, derived from the
 * latest snapshot and the rates ({@link advanceRates}). One object per component and edge, kept
 * identical (`===`) while what it shows (its texts, colour, flags) is unchanged, so a node
 * selecting its own entry re-renders only when its display changes. The Storm UI rows (for the
 * hover card, whose counts change with every snapshot) are apart, in {@link Overlay.rows}.
 */
import type { HostSnapshot } from '../../engine';
import { capacityHue, capacityTone, type CapacityTone } from './capacity';
import { formatCapacity } from './capacity';
import { edgeWidth, formatCount, formatRate, type Rates } from './rates';
import { stormUiRow, type RowCell } from './storm-columns';

export interface ComponentLive {
  readonly kind: 'spout' | 'bolt';
  /** Storm's capacity over the 10-minute window (bolts), null for spouts. */
  readonly capacity: number | null;
  readonly tone: CapacityTone | null;
  readonly hue: number | null;
  /** Tuples/s of engine time: emitted (all components) and executed (bolts). */
  readonly emitRate: number;
  readonly executeRate: number;
  /** Spouts: tracked tuples not yet acked or failed. */
  readonly pending: number;
  /** Tuples waiting in the executors' receive queues, and the fullest queue's fill (0–1)… */
  readonly queued: number;
  readonly queueFill: number;
  /** …that queue's length and capacity (null without a bounded queue). */
  readonly fullestQueue: { readonly length: number; readonly capacity: number } | null;
  /** Emits waiting for room downstream (the component is throttled by backpressure). */
  readonly overflow: number;
  /** Every executor's worker is down. */
  readonly dead: boolean;
  /** What the node prints: capacity, rates, pending, queued. */
  readonly capacityText: string;
  readonly emitText: string;
  readonly executeText: string;
  readonly pendingText: string;
  readonly queuedText: string;
}

export interface EdgeLive {
  readonly rate: number;
  readonly rateText: string;
  readonly width: number;
  /** The receiving queue is full, or the sender's emits wait for room in it. */
  readonly backpressure: boolean;
}

export interface Overlay {
  /** Engine time of the snapshot (ms). */
  readonly time: number;
  readonly maxEdgeRate: number;
  readonly components: Readonly<Record<string, ComponentLive>>;
  readonly edges: Readonly<Record<string, EdgeLive>>;
  /** Storm UI's row per component (10-minute window), for the hover card. */
  readonly rows: Readonly<Record<string, readonly RowCell[]>>;
}

interface QueueState {
  fill: number;
  fullest: { length: number; capacity: number } | null;
  full: boolean;
  overflow: number;
  queued: number;
  alive: number;
  executors: number;
}

function queueStates(snapshot: HostSnapshot): Map<string, QueueState> {
  const out = new Map<string, QueueState>();
  for (const ex of snapshot.executors) {
    let q = out.get(ex.component);
    if (!q) out.set(ex.component, (q = { fill: 0, fullest: null, full: false, overflow: 0, queued: 0, alive: 0, executors: 0 }));
    q.executors++;
    if (ex.state !== 'dead') q.alive++;
    q.queued += ex.queue;
    q.overflow += ex.overflow;
    if (ex.queueCapacity > 0) {
      const fill = Math.min(1, ex.queue / ex.queueCapacity);
      if (q.fullest === null || fill > q.fill) q.fullest = { length: ex.queue, capacity: ex.queueCapacity };
      q.fill = Math.max(q.fill, fill);
      if (ex.queue >= ex.queueCapacity) q.full = true;
    }
  }
  return out;
}

function sameComponent(a: ComponentLive, b: ComponentLive): boolean {
  return (
    a.kind === b.kind &&
    a.hue === b.hue &&
    a.tone === b.tone &&
    a.capacityText === b.capacityText &&
    a.emitText === b.emitText &&
    a.executeText === b.executeText &&
    a.pendingText === b.pendingText &&
    a.queuedText === b.queuedText &&
    a.fullestQueue?.length === b.fullestQueue?.length &&
    a.fullestQueue?.capacity === b.fullestQueue?.capacity &&
    a.overflow === b.overflow &&
    a.dead === b.dead
  );
}

const sameEdge = (a: EdgeLive, b: EdgeLive) => a.rateText === b.rateText && a.width === b.width && a.backpressure === b.backpressure;

/**
 * Builds the overlay of a snapshot. Edge `A → B` shows backpressure when a receive queue of B is
 * full (queue ≥ capacity), or when A's emits wait for room (overflow > 0) and B holds the fullest
 * queue among A's targets (that is where they wait).
 *
 * @param previous the last overlay: unchanged entries are reused (same object).
 * @example
 * const overlay = buildOverlay(snapshot, rateState.rates, overlay);
 * overlay.components.count.tone // 'low'
 */
export function buildOverlay(snapshot: HostSnapshot, rates: Rates, previous: Overlay | null = null): Overlay {
  const queues = queueStates(snapshot);
  const components: Record<string, ComponentLive> = {};
  const rows: Record<string, readonly RowCell[]> = {};
  for (const [id, c] of Object.entries(snapshot.components)) {
    const kind = c.kind === 'spout' ? 'spout' : 'bolt';
    const capacity = kind === 'bolt' ? c.windows['600'].capacity : null;
    const q = queues.get(id);
    const emitRate = rates.emitted[id] ?? 0;
    const executeRate = rates.executed[id] ?? 0;
    const live: ComponentLive = {
      kind,
      capacity,
      tone: capacity === null ? null : capacityTone(capacity),
      hue: capacity === null ? null : capacityHue(capacity),
      emitRate,
      executeRate,
      pending: c.pending,
      queued: c.queued,
      queueFill: q?.fill ?? 0,
      fullestQueue: q?.fullest ?? null,
      overflow: q?.overflow ?? 0,
      dead: q !== undefined && q.executors > 0 && q.alive === 0,
      capacityText: formatCapacity(capacity),
      emitText: formatRate(emitRate),
      executeText: formatRate(executeRate),
      pendingText: formatCount(c.pending),
      queuedText: formatCount(c.queued),
    };
    rows[id] = stormUiRow(c);
    const before = previous?.components[id];
    components[id] = before && sameComponent(before, live) ? before : live;
  }

  const targetsOf = new Map<string, string[]>();
  for (const e of Object.values(snapshot.edges)) {
    const list = targetsOf.get(e.from) ?? [];
    list.push(e.to);
    targetsOf.set(e.from, list);
  }
  const fullestTarget = (from: string): string | null => {
    let best: string | null = null;
    let fill = -1;
    for (const to of targetsOf.get(from) ?? []) {
      const f = queues.get(to)?.fill ?? 0;
      if (f > fill) {
        fill = f;
        best = to;
      }
    }
    return best;
  };

  let maxEdgeRate = 0;
  for (const id of Object.keys(snapshot.edges)) maxEdgeRate = Math.max(maxEdgeRate, rates.edges[id] ?? 0);
  const edges: Record<string, EdgeLive> = {};
  for (const [id, e] of Object.entries(snapshot.edges)) {
    const rate = rates.edges[id] ?? 0;
    const target = queues.get(e.to);
    const source = queues.get(e.from);
    const backpressure = (target?.full ?? false) || ((source?.overflow ?? 0) > 0 && fullestTarget(e.from) === e.to);
    // Widths to a tenth of a pixel: finer changes would re-render the edge for nothing visible.
    const live: EdgeLive = { rate, rateText: formatRate(rate), width: Math.round(edgeWidth(rate, maxEdgeRate) * 10) / 10, backpressure };
    const before = previous?.edges[id];
    edges[id] = before && sameEdge(before, live) ? before : live;
  }
  return { time: snapshot.time, maxEdgeRate, components, edges, rows };
}
