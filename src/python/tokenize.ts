/**
 * A Python 3 tokenizer: enough of the language's lexical rules (indentation, brackets, line
 * continuations, every string-literal form, numbers) to read `create.py` and component modules
 * without running them. Positions are 1-based lines and columns, and character offsets into the
 * source as given (`\r\n` included), so that a reader can rewrite exactly what it read.
 */

export type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'end';

export interface Token {
  readonly type: TokenType;
  /** Source text for names, numbers and operators; the decoded value for strings. */
  readonly value: string;
  readonly line: number;
  readonly column: number;
  /** `[start, end)`: character offsets of the token's text in the source. */
  readonly start: number;
  readonly end: number;
  /** For strings: the prefix letters, lower-cased (`r`, `b`, `f`, `rb`…). */
  readonly prefix?: string;
  /** For strings whose value cannot be known here (a `\\N{name}` escape): why. */
  readonly unreadable?: string;
}

export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=',
  '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '@', '<', '>', '&', '|', '^', '~', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=',
];

const isIdStart = (ch: string) => /[A-Za-z_]/.test(ch) || (ch > '\x7f' && /\p{L}|\p{Nl}/u.test(ch));
const isIdPart = (ch: string) => /[A-Za-z0-9_]/.test(ch) || (ch > '\x7f' && /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u.test(ch));

/**
 * Splits Python source into tokens, with `indent`/`dedent` tokens for blocks and `newline` at the
 * end of each logical line. Throws {@link PythonSyntaxError} (with line and column) for an
 * unterminated string, an unbalanced bracket or inconsistent indentation.
 *
 * @example
 * tokenize("x = 'a'\n").map((t) => t.type) // ['name', 'op', 'string', 'newline', 'end']
 */
export function tokenize(source: string): Token[] {
  const src = source.replace(/\r\n?/g, '\n');
  // Offsets in `src` → offsets in `source` (they differ only where a \r was dropped).
  const origin = src.length === source.length ? null : originalOffsets(source);
  const at = (offset: number) => (origin === null ? offset : origin[offset]!);
  const tokens: Token[] = [];
  const indents = [0];
  const brackets: { ch: string; line: number; column: number }[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  const col = () => i - lineStart + 1;
  /** A token from `start` (an offset in `src`) to the current position. */
  const push = (type: TokenType, value: string, l: number, c: number, start: number, prefix?: string, unreadable?: string) =>
    tokens.push({
      type,
      value,
      line: l,
      column: c,
      start: at(start),
      end: at(Math.max(start, i)),
      ...(prefix === undefined ? {} : { prefix }),
      ...(unreadable === undefined ? {} : { unreadable }),
    });

  while (i < src.length) {
    if (atLineStart && brackets.length === 0) {
      // Measure indentation; blank and comment-only lines do not count.
      let width = 0;
      let j = i;
      while (j < src.length && (src[j] === ' ' || src[j] === '\t' || src[j] === '\f')) {
        width = src[j] === '\t' ? (Math.floor(width / 8) + 1) * 8 : src[j] === '\f' ? 0 : width + 1;
        j++;
      }
      if (j >= src.length || src[j] === '\n' || src[j] === '#') {
        i = j;
        while (i < src.length && src[i] !== '\n') i++;
        if (i < src.length) {
          i++;
          line++;
          lineStart = i;
        }
        continue;
      }
      if (src[j] === '\\' && src[j + 1] === '\n') {
        i = j;
      } else {
        i = j;
        const top = indents[indents.length - 1]!;
        if (width > top) {
          indents.push(width);
          push('indent', '', line, 1, i);
        } else if (width < top) {
          while (width < indents[indents.length - 1]!) {
            indents.pop();
            push('dedent', '', line, 1, i);
          }
          if (width !== indents[indents.length - 1]) throw new PythonSyntaxError('unindent does not match any outer indentation level', line, col());
        }
      }
      atLineStart = false;
    }
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\') {
      if (src[i + 1] !== '\n') throw new PythonSyntaxError('unexpected character after line continuation character', line, col());
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    if (ch === '\n') {
      if (brackets.length === 0) {
        const last = tokens[tokens.length - 1];
        if (last && last.type !== 'newline' && last.type !== 'indent' && last.type !== 'dedent') push('newline', '\n', line, col(), i);
        atLineStart = true;
      }
      i++;
      line++;
      lineStart = i;
      continue;
    }
    const prefixMatch = /^([rRbBuUfF]{1,2})?(['"])/.exec(src.slice(i, i + 3));
    if (prefixMatch && (prefixMatch[1] === undefined || /^(r|u|b|f|br|rb|fr|rf)$/i.test(prefixMatch[1]))) {
      const startLine = line;
      const startCol = col();
      const startOffset = i;
      const prefix = (prefixMatch[1] ?? '').toLowerCase();
      i += prefix.length;
      const q = src[i]!;
      const triple = src.startsWith(q.repeat(3), i);
      const quote = triple ? q.repeat(3) : q;
      i += quote.length;
      const raw = prefix.includes('r');
      let value = '';
      let unreadable: string | undefined;
      for (;;) {
        if (i >= src.length) throw new PythonSyntaxError(triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal', startLine, startCol);
        if (src.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        const c = src[i]!;
        if (c === '\n') {
          if (!triple) throw new PythonSyntaxError('unterminated string literal', startLine, startCol);
          value += c;
          i++;
          line++;
          lineStart = i;
          continue;
        }
        if (c === '\\') {
          const next = src[i + 1];
          if (next === undefined) throw new PythonSyntaxError('unterminated string literal', startLine, startCol);
          if (raw) {
            value += c + next;
            if (next === '\n') {
              line++;
              lineStart = i + 2;
            }
            i += 2;
            continue;
          }
          if (next === 'N' && !prefix.includes('b') && src[i + 2] === '{') {
            // A character by its Unicode name: valid Python, but its value needs Python's name table.
            const close = src.indexOf('}', i);
            if (close < 0 || src.slice(i, close).includes('\n')) throw new PythonSyntaxError('malformed \\N character escape', line, col());
            unreadable = 'a \\N{…} escape';
            value += src.slice(i, close + 1);
            i = close + 1;
            continue;
          }
          const [decoded, length] = decodeEscape(src, i, line, col(), prefix.includes('b'));
          if (next === '\n') {
            line++;
            lineStart = i + 2;
          }
          value += decoded;
          i += length;
          continue;
        }
        value += c;
        i++;
      }
      push('string', value, startLine, startCol, startOffset, prefix, unreadable);
      continue;
    }
    if (isIdStart(ch)) {
      const start = i;
      const c0 = col();
      while (i < src.length && isIdPart(src[i]!)) i++;
      push('name', src.slice(start, i), line, c0, start);
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/.exec(src.slice(i, i + 400));
    if (num && /[0-9.]/.test(ch) && num[0] !== '.') {
      const start = i;
      const c0 = col();
      i += num[0].length;
      push('number', num[0], line, c0, start);
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      const c0 = col();
      if ('([{'.includes(op)) brackets.push({ ch: op, line, column: c0 });
      else if (')]}'.includes(op)) {
        const open = brackets.pop();
        const expected = open ? { '(': ')', '[': ']', '{': '}' }[open.ch] : undefined;
        if (expected !== op) throw new PythonSyntaxError(open ? `closing '${op}' does not match opening '${open.ch}' on line ${open.line}` : `unmatched '${op}'`, line, c0);
      }
      const start = i;
      i += op.length;
      push('op', op, line, c0, start);
      continue;
    }
    throw new PythonSyntaxError(`invalid character ${JSON.stringify(ch)}`, line, col());
  }
  if (brackets.length > 0) {
    const open = brackets[brackets.length - 1]!;
    throw new PythonSyntaxError(`'${open.ch}' was never closed`, open.line, open.column);
  }
  const last = tokens[tokens.length - 1];
  if (last && last.type !== 'newline' && last.type !== 'dedent') push('newline', '\n', line, col(), i);
  while (indents.length > 1) {
    indents.pop();
    push('dedent', '', line, 1, i);
  }
  push('end', '', line, 1, i);
  return tokens;
}

/** For each offset of `source` with `\r\n` and `\r` made `\n`, the offset in `source` (one more entry for the end). */
function originalOffsets(source: string): number[] {
  const out: number[] = [];
  for (let j = 0; j < source.length; j++) {
    out.push(j);
    if (source[j] === '\r' && source[j + 1] === '\n') j++;
  }
  out.push(source.length);
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Decodes one backslash escape at `src[i]`; returns the text and how many source characters it took. */
function decodeEscape(src: string, i: number, line: number, column: number, bytes: boolean): [string, number] {
  const next = src[i + 1]!;
  if (next === '\n') return ['', 2];
  if (SIMPLE_ESCAPES[next] !== undefined) return [SIMPLE_ESCAPES[next]!, 2];
  const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
  if (oct) return [String.fromCodePoint(parseInt(oct[0], 8)), 1 + oct[0].length];
  const width = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
  if (width > 0) {
    const digits = src.slice(i + 2, i + 2 + width);
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) throw new PythonSyntaxError(`truncated \\${next} escape`, line, column);
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) throw new PythonSyntaxError(`illegal Unicode character \\${next}${digits}`, line, column);
    return [String.fromCodePoint(code), 2 + width];
  }
  return ['\\' + next, 2];
}
