/**
 * The animated run's travelling tuples: each emit of a processed event becomes a token moving
 * along the canvas edge it travels (source component → receiving component, on its stream).
 * Capped per edge and in total, and dropped once their trip is over, so a fast event stream costs
 * a bounded number of SVG elements.
 */
import type { StepEvent } from '../../engine';

export interface Token {
  /** Unique and stable (React key). */
  readonly key: number;
  readonly edge: string;
  /** The tuple's values (JSON, truncated by the engine). */
  readonly values: string;
  /** When the token was created (ms, the page clock injected by the caller)… */
  readonly born: number;
  /** …and how long after that its trip starts: tokens of one batch on one edge follow each other. */
  readonly delayMs: number;
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
export function tripsOf(events: readonly StepEvent[], taskToComponent: Readonly<Record<string, string>>, edges: EdgeIndex): { edge: string; values: string }[] {
  const out: { edge: string; values: string }[] = [];
  const visit = (ev: StepEvent) => {
    if ('emits' in ev) {
      for (const e of ev.emits) {
        const seen = new Set<string>();
        for (const t of e.targets) {
          const to = taskToComponent[String(t)];
          const edge = to === undefined ? undefined : edges.get(edgeKey(ev.component, e.stream, to));
          // One token per edge per emit, however many tasks of the bolt receive it (all grouping).
          if (edge !== undefined && !seen.has(edge)) {
            seen.add(edge);
            out.push({ edge, values: e.values });
          }
        }
      }
    }
    if ('also' in ev && ev.also) ev.also.forEach(visit);
  };
  events.forEach(visit);
  return out;
}

/**
 * Tokens in flight. `add` starts trips and drops what is over or beyond the caps (oldest first);
 * it returns the same array when nothing changed.
 *
 * @example
 * let flying: Token[] = [];
 * flying = addTokens(flying, tripsOf(events, plan.taskToComponent, index), performance.now(), nextKey);
 */
export function addTokens(current: readonly Token[], trips: readonly { edge: string; values: string }[], now: number, firstKey: number, limits: TokenLimits = DEFAULT_TOKEN_LIMITS): readonly Token[] {
  const alive = current.filter((t) => now - t.born < t.delayMs + limits.tripMs);
  const perEdge = new Map<string, number>();
  for (const t of alive) perEdge.set(t.edge, (perEdge.get(t.edge) ?? 0) + 1);
  const next = [...alive];
  let key = firstKey;
  // The newest trips matter most: take them from the end.
  const fresh: { edge: string; values: string }[] = [];
  for (let i = trips.length - 1; i >= 0 && fresh.length < limits.total; i--) {
    const trip = trips[i]!;
    const n = perEdge.get(trip.edge) ?? 0;
    if (n >= limits.perEdge) continue;
    perEdge.set(trip.edge, n + 1);
    fresh.push(trip);
  }
  // In emit order, each edge's tokens one after the other.
  const order = new Map<string, number>();
  for (const trip of fresh.reverse()) {
    const k = order.get(trip.edge) ?? 0;
    order.set(trip.edge, k + 1);
    next.push({ key: key++, edge: trip.edge, values: trip.values, born: now, delayMs: k * limits.staggerMs });
  }
  const capped = next.length > limits.total ? next.slice(next.length - limits.total) : next;
  if (capped.length === current.length && capped.every((t, i) => t === current[i])) return current;
  return capped;
}

/** The tokens of one edge (what an edge component selects). */
export function tokensOf(tokens: readonly Token[], edge: string): Token[] {
  return tokens.filter((t) => t.edge === edge);
}
