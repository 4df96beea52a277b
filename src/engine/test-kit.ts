/**
 * Helpers for engine tests (in the style of Storm's TopologyIntegrationTest: simulated time, feed
 * tuples, advance the clock, assert acks, fails and timeouts exactly). Pure; used by tests only.
 */
import type { TopologyDocument } from '../model';
import { Engine, type EngineOptions } from './engine';
import type { LogLine } from './logs';
import { defaultRegistry } from './runtime/registry';

/** Starts an engine on a document, running every component's JavaScript code, in virtual time. */
export function startEngine(document: TopologyDocument, options: Partial<EngineOptions> = {}): Promise<Engine> {
  return Engine.create({ document, seed: 1, runtimes: defaultRegistry().resolver(), languageOf: () => 'javascript', ...options });
}

/** A document with its simulation settings changed. */
export function withSimulation(doc: TopologyDocument, simulation: Partial<TopologyDocument['simulation']>): TopologyDocument {
  return { ...doc, simulation: { ...doc.simulation, ...simulation } };
}

/** Log lines of a component (all when omitted), as `message` strings. */
export function logMessages(engine: Engine, component?: string, level?: LogLine['level']): string[] {
  return engine.logs
    .since(0)
    .filter((l) => (component === undefined || l.component === component) && (level === undefined || l.level === level))
    .map((l) => l.message);
}

/** Parses `key=value` pairs out of log lines like `acked id=3 t=1200`. */
export function logRecords(engine: Engine, component: string, prefix: string): Record<string, number>[] {
  return logMessages(engine, component)
    .filter((m) => m.startsWith(prefix + ' '))
    .map((m) => Object.fromEntries(m.slice(prefix.length + 1).split(' ').map((kv) => { const [k, v] = kv.split('='); return [k!, Number(v)]; })));
}

/** A JavaScript Bolt that holds every other tuple and acks it with the next one (process latency, ack time). */
export const HOLDER_BOLT = `export default class H extends Bolt {
  initialize() { this.held = null; }
  process(tup) {
    if (this.held === null) { this.held = tup; return; }
    storm.ack(this.held);
    storm.ack(tup);
    this.held = null;
  }
}`;
