/**
 * Python's `repr` of tuple values, for the log lines of Python components (Petrel logs
 * `repr(tup.values)`). Values reach JavaScript from Python as JSON does (lists, dicts, strings,
 * numbers, booleans, None), so integral numbers print as Python ints and others as floats.
 */

/**
 * `repr(values)` as Python 3 prints a list: `['moon', 1]`, `None`, `True`, `{'a': 1}`, `1.5`,
 * `1e-05`, `'it\'s'` → `"it's"`.
 *
 * @example
 * pythonRepr(['moon', 1, null, true, { a: 1 }]) // "['moon', 1, None, True, {'a': 1}]"
 */
export function pythonRepr(values: readonly unknown[]): string {
  return repr(values, 0);
}

function repr(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return stringRepr(v);
    case 'number':
      return numberRepr(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'object': {
      if (v === null) return 'None';
      if (depth > 50) return '...';
      if (Array.isArray(v)) return `[${v.map((x) => repr(x, depth + 1)).join(', ')}]`;
      if (v instanceof Map) return `{${[...v].map(([k, x]) => `${repr(k, depth + 1)}: ${repr(x, depth + 1)}`).join(', ')}}`;
      if (v instanceof Set) return v.size === 0 ? 'set()' : `{${[...v].map((x) => repr(x, depth + 1)).join(', ')}}`;
      return `{${Object.entries(v).map(([k, x]) => `${stringRepr(k)}: ${repr(x, depth + 1)}`).join(', ')}}`;
    }
    default:
      return stringRepr(String(v));
  }
}

/** A float as Python's `repr(float)`: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
function numberRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e16 || abs < 1e-4) {
    // JavaScript's exponent form has the same digits; Python pads the exponent to two digits.
    const [mantissa, exp] = x.toExponential().split('e') as [string, string];
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Characters Python's str.isprintable() rejects (other than the escapes below): \p{C} and \p{Z} but the space. */
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** A string as Python's `repr(str)`: single quotes unless it holds ' and no ". */
function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}
