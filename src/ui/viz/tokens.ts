/**
 * The animated run's travelling tuples: each emit of a processed event becomes a token moving
 * along the canvas edge it travels (source component → receiving component, on its stream).
 * Capped per edge and in total, and dropped once their trip is over. Each token holds one slot of
 * a fixed pool (`0 … total − 1`): the canvas keeps one dot per slot and reuses it, so a fast event
 * stream costs a bounded number of DOM nodes, none created or destroyed while it runs.
 */
import type { StepEvent } from '../../engine';

export interface Token {
  /** Unique and stable: a slot whose token key changes starts a new trip. */
  readonly key: number;
  readonly edge: string;
  /** The tuple's values (JSON, truncated by the engine). */
  readonly values: string;
  /** When the token was created (ms, the page clock injected by the caller)… */
  readonly born: number;
  /** …and how long after that its trip starts (the batch spread over time, each edge's tokens in turn). */
  readonly delayMs: number;
  /** The dot of the pool that draws it: unique among the tokens in flight, below `limits.total`. */
  readonly slot: number;
}

/** A trip to start: the edge, the values, and the index of its event in the batch. */
export interface Trip {
  readonly edge: string;
  readonly values: string;
  /** Index of the event (of the batch given to {@link tripsOf}) that emitted it. */
  readonly event?: number;
}

export interface TokenLimits {
  readonly perEdge: number;
  readonly total: number;
  /** How long a trip lasts (ms). */
  readonly tripMs: number;
  /** Time between the starts of two tokens of one batch on the same edge (ms). */
  readonly staggerMs: number;
}

export const DEFAULT_TOKEN_LIMITS: TokenLimits = { perEdge: 4, total: 40, tripMs: 900, staggerMs: 140 };

/** Finds the subscription an emit travels: `(from, stream, to)` → subscription id. */
export type EdgeIndex = ReadonlyMap<string, string>;

const edgeKey = (from: string, stream: string, to: string) => `${from}\u0000${stream}\u0000${to}`;

/** The edge index of a run (the snapshot's `meta.edges`, or the document's subscriptions). */
export function edgeIndex(edges: readonly { readonly id: string; readonly from: string; readonly stream: string; readonly to: string }[]): EdgeIndex {
  return new Map(edges.map((e) => [edgeKey(e.from, e.stream, e.to), e.id]));
}

/** The trips (edge, values) of the emits of some events, `also` calls included, in order. */
export function tripsOf(events: readonly StepEvent[], taskToComponent: Readonly<Record<string, string>>, edges: EdgeIndex): Trip[] {
  const out: Trip[] = [];
  const visit = (ev: StepEvent, event: number) => {
    if ('emits' in ev) {
      for (const e of ev.emits) {
        const seen = new Set<string>();
        for (const t of e.targets) {
          const to = taskToComponent[String(t)];
          const edge = to === undefined ? undefined : edges.get(edgeKey(ev.component, e.stream, to));
          // One token per edge per emit, however many tasks of the bolt receive it (all grouping).
          if (edge !== undefined && !seen.has(edge)) {
            seen.add(edge);
            out.push({ edge, values: e.values, event });
          }
        }
      }
    }
    if ('also' in ev && ev.also) ev.also.forEach((a) => visit(a, event));
  };
  events.forEach(visit);
  return out;
}

/**
 * Tokens in flight. `add` starts trips and drops what is over or beyond the caps (oldest first);
 * it returns the same array when nothing changed. New tokens take the pool's free slots (lowest
 * first); a token keeps its slot until it is dropped.
 *
 * `spreadMs` spreads a batch over time: the events of a batch arrive together (one poll of the
 * simulation) but happened one after the other, so the trips of event i of n start
 * `i / n × spreadMs` later (the time between two batches keeps the flow even). The tokens of one
 * edge in a batch also start at least `staggerMs` apart.
 *
 * @example
 * let flying: Token[] = [];
 * flying = addTokens(flying, tripsOf(events, plan.taskToComponent, index), performance.now(), nextKey, DEFAULT_TOKEN_LIMITS, 250);
 */
export function addTokens(current: readonly Token[], trips: readonly Trip[], now: number, firstKey: number, limits: TokenLimits = DEFAULT_TOKEN_LIMITS, spreadMs = 0): readonly Token[] {
  const alive = current.filter((t) => now - t.born < t.delayMs + limits.tripMs);
  const perEdge = new Map<string, number>();
  for (const t of alive) perEdge.set(t.edge, (perEdge.get(t.edge) ?? 0) + 1);
  let key = firstKey;
  // The newest trips matter most: take them from the end.
  const fresh: Trip[] = [];
  for (let i = trips.length - 1; i >= 0 && fresh.length < limits.total; i--) {
    const trip = trips[i]!;
    const n = perEdge.get(trip.edge) ?? 0;
    if (n >= limits.perEdge) continue;
    perEdge.set(trip.edge, n + 1);
    fresh.push(trip);
  }
  // Beyond the total, the oldest tokens in flight give way to the new ones.
  const kept = alive.slice(Math.max(0, alive.length + fresh.length - limits.total));
  const used = new Set(kept.map((t) => t.slot));
  let free = 0;
  const events = trips.reduce((m, t) => Math.max(m, (t.event ?? 0) + 1), 1);
  // In emit order, each edge's tokens one after the other.
  const lastOnEdge = new Map<string, number>();
  const next = [...kept];
  for (const trip of fresh.reverse()) {
    const spread = spreadMs > 0 ? Math.round(((trip.event ?? 0) / events) * spreadMs) : 0;
    const previous = lastOnEdge.get(trip.edge);
    const delayMs = previous === undefined ? spread : Math.max(spread, previous + limits.staggerMs);
    lastOnEdge.set(trip.edge, delayMs);
    while (used.has(free)) free++;
    used.add(free);
    next.push({ key: key++, edge: trip.edge, values: trip.values, born: now, delayMs, slot: free });
  }
  if (next.length === current.length && next.every((t, i) => t === current[i])) return current;
  return next;
}

/** The tokens of one edge. */
export function tokensOf(tokens: readonly Token[], edge: string): Token[] {
  return tokens.filter((t) => t.edge === edge);
}

/**
 * The pool's slots: the token each slot draws now (null: the dot is idle). The canvas compares
 * this with what it drew last to restart only the dots whose token changed.
 */
export function slotsOf(tokens: readonly Token[], total: number = DEFAULT_TOKEN_LIMITS.total): (Token | null)[] {
  const slots: (Token | null)[] = Array.from({ length: total }, () => null);
  for (const t of tokens) if (t.slot < total) slots[t.slot] = t;
  return slots;
}

/**
 * What the canvas must do to draw `wanted` when it drew `drawn` (both from {@link slotsOf}): the
 * slots whose dot starts a new trip, and those whose dot stops (its token is gone). A slot whose
 * token is the same (same key) is left alone, so its trip goes on.
 */
export function slotChanges(drawn: readonly (Token | null)[], wanted: readonly (Token | null)[]): { start: number[]; stop: number[] } {
  const start: number[] = [];
  const stop: number[] = [];
  for (let i = 0; i < wanted.length; i++) {
    const was = drawn[i] ?? null;
    const now = wanted[i] ?? null;
    if (was?.key === now?.key) continue;
    if (now === null) stop.push(i);
    else start.push(i);
  }
  return { start, stop };
}
