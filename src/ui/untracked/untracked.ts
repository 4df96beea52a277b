/**
 * Spouts that emit without a message id: Storm does not track their tuples (no tree, no ack, no
 * complete latency, no replay), which is why Acked stays 0, latency reads "–" and Tuple trees has
 * nothing to sample. Finds them in a run and writes the `id=` change that makes them tracked.
 */
import type { HostSnapshot } from '../../engine';
import type { ComponentSpec, Language } from '../../model';

/** Engine time before a spout with no tracked tree is worth a word. */
const SETTLE_MS = 1000;

export interface Untracked {
  readonly spout: string;
  readonly emitted: number;
  /** Acking is off for the whole topology (`topology.acker.executors` = 0): ids alone would not help. */
  readonly ackersOff: boolean;
}

/** Spouts that emitted tuples of which none was tracked (no tree pending, acked or failed). */
export function untrackedSpouts(snapshot: HostSnapshot): Untracked[] {
  if (snapshot.time < SETTLE_MS) return [];
  return Object.values(snapshot.components)
    .filter((c) => c.kind === 'spout' && c.windows.all.emitted > 0 && c.windows.all.acked + c.windows.all.failed === 0 && c.pending === 0)
    .map((c) => ({ spout: c.id, emitted: c.windows.all.emitted, ackersOff: snapshot.plan.ackers === 0 }));
}

export interface MessageIdChange {
  /** The code with every plain `storm.emit([...])` given a message id. */
  readonly code: string;
  /** The first call before and after, to show the change. */
  readonly before: string;
  readonly after: string;
  readonly count: number;
}

const PY_COUNTER = '_message_ids = itertools.count(1)  # Storm tracks (acks, times out, replays) tuples emitted with an id';
const JS_COUNTER = 'let lastMessageId = 0; // Storm tracks (acks, times out, replays) tuples emitted with an id';

const EMIT = 'storm.emit(';

/**
 * The `storm.emit(…)` calls with one argument (no id): their start, end and the argument. Brackets
 * and strings are skipped over, so `storm.emit([random.choice(['a', 'b'])])` is one argument.
 */
function plainEmits(code: string): { start: number; end: number; arg: string }[] {
  const out: { start: number; end: number; arg: string }[] = [];
  for (let at = code.indexOf(EMIT); at >= 0; at = code.indexOf(EMIT, at + 1)) {
    let depth = 1;
    let topComma = false;
    let quote: string | null = null;
    let i = at + EMIT.length;
    for (; i < code.length && depth > 0; i++) {
      const ch = code[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      else if (ch === ',' && depth === 1) topComma = true;
    }
    if (depth !== 0) break;
    const arg = code.slice(at + EMIT.length, i - 1).trim();
    if (!topComma && arg.startsWith('[')) out.push({ start: at, end: i, arg });
  }
  return out;
}

/**
 * Gives every plain `storm.emit([...])` of a spout's code a message id from a counter, or null
 * when there is none to change.
 *
 * @example
 * addMessageIds('…storm.emit([sentence])', 'python')!.after // 'storm.emit([sentence], id=next(_message_ids))'
 */
export function addMessageIds(code: string, language: Language): MessageIdChange | null {
  const emits = plainEmits(code);
  if (emits.length === 0) return null;
  const withId = (list: string) => (language === 'python' ? `storm.emit(${list}, id=next(_message_ids))` : `storm.emit(${list}, { id: ++lastMessageId })`);
  let next = '';
  let from = 0;
  for (const e of emits) {
    next += code.slice(from, e.start) + withId(e.arg);
    from = e.end;
  }
  next += code.slice(from);
  if (language === 'python') {
    if (!/^import itertools$/m.test(next)) next = `import itertools\n${next}`;
    const cls = /^class /m.exec(next);
    next = cls ? `${next.slice(0, cls.index)}${PY_COUNTER}\n\n\n${next.slice(cls.index)}` : `${next}\n${PY_COUNTER}\n`;
  } else {
    const cls = /^export default class /m.exec(next);
    next = cls ? `${next.slice(0, cls.index)}${JS_COUNTER}\n\n${next.slice(cls.index)}` : `${JS_COUNTER}\n${next}`;
  }
  const first = emits[0]!;
  return { code: next, before: code.slice(first.start, first.end), after: withId(first.arg), count: emits.length };
}

/** The change for a spout in the language it runs, or null. */
export function messageIdChange(spout: ComponentSpec): MessageIdChange | null {
  const code = spout.code[spout.language];
  return code === undefined ? null : addMessageIds(code, spout.language);
}
