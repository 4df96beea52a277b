/**
 * Python's compile-time errors found without Python: what the tokenizer and the parser refuse
 * (unterminated strings, unbalanced brackets, bad indentation, two expressions side by side), and
 * the errors Python's compiler raises on code that parses ('break' outside loop, 'return' outside
 * function…). Pure and synchronous, so the document's Problems, the import and the CLI see them at
 * once, before any run; the editor's markers come from Python's own compiler (a worker) and agree.
 * It errs on the side of silence: a construct it does not understand is not reported.
 */
import { parseModule, PythonSyntaxError, type Stmt } from './parse';
import { tokenize, type Token } from './tokenize';

/** A syntax error at a place: 1-based line and column. */
export interface PythonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  /** Python's wording, e.g. `'break' outside loop`. */
  readonly message: string;
}

/**
 * The first syntax error of `source` (Python stops at the first), or null when it compiles as far
 * as this reader can tell.
 *
 * @example
 * checkSyntax('for x in y:\n    pass\nbreak\n') // { line: 3, column: 1, message: "'break' outside loop" }
 */
export function checkSyntax(source: string): PythonSyntaxProblem | null {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (e) {
    if (e instanceof PythonSyntaxError) return { line: e.line, column: e.column, message: e.message };
    throw e;
  }
  const juxtaposed = findJuxtaposition(tokens);
  let body: Stmt[];
  try {
    body = parseModule(source);
  } catch (e) {
    if (!(e instanceof PythonSyntaxError)) throw e;
    const first = juxtaposed && (juxtaposed.line < e.line || (juxtaposed.line === e.line && juxtaposed.column <= e.column)) ? juxtaposed : null;
    return first ?? { line: e.line, column: e.column, message: e.message };
  }
  const compile = compileErrors(body, source, { loop: false, func: false });
  if (juxtaposed && (!compile || juxtaposed.line <= compile.line)) return juxtaposed;
  return compile;
}

/** Python 2's statements that are names followed by an operand in Python 3 terms. */
const PY2_STATEMENTS: Readonly<Record<string, string>> = {
  print: "Missing parentheses in call to 'print'. Did you mean print(...)?",
  exec: "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
};

/** Names that may start a statement and be followed by another name (keywords and soft keywords). */
const STATEMENT_KEYWORDS = new Set([
  'import', 'from', 'def', 'class', 'return', 'global', 'nonlocal', 'del', 'assert', 'raise', 'yield', 'await', 'async', 'if', 'elif',
  'while', 'for', 'with', 'try', 'except', 'finally', 'else', 'match', 'case', 'type', 'lambda', 'not', 'pass', 'break', 'continue',
]);
/** Names that join two operands inside an expression. */
const INFIX_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'async', 'lambda', 'await', 'yield', 'from', 'as', 'import']);
const isOperand = (t: Token) => t.type === 'number' || t.type === 'string' || (t.type === 'name' && !INFIX_KEYWORDS.has(t.value) && !STATEMENT_KEYWORDS.has(t.value));

/**
 * Two operands side by side at the start of a statement (`print "x"`, `x = 1 2`), which Python
 * refuses as invalid syntax. Only a name, number or closing bracket followed by a name or number
 * counts (strings concatenate; keywords join operands).
 */
function findJuxtaposition(tokens: readonly Token[]): PythonSyntaxProblem | null {
  let depth = 0;
  let statementStart = true;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    if (t.type === 'op' && '([{'.includes(t.value)) depth++;
    else if (t.type === 'op' && ')]}'.includes(t.value)) depth--;
    const starts = statementStart;
    statementStart = t.type === 'newline' || t.type === 'indent' || t.type === 'dedent' || (t.type === 'op' && (t.value === ';' || t.value === ':'));
    if (t.type === 'name' && STATEMENT_KEYWORDS.has(t.value)) continue;
    if (t.type === 'name' && INFIX_KEYWORDS.has(t.value)) continue;
    if (!isOperand(t) || t.type === 'string') continue;
    if (next.type !== 'name' && next.type !== 'number' && next.type !== 'string') continue;
    if (next.type === 'name' && (INFIX_KEYWORDS.has(next.value) || next.value === 'else')) continue;
    if (starts && depth === 0 && t.type === 'name' && PY2_STATEMENTS[t.value]) return { line: t.line, column: t.column, message: PY2_STATEMENTS[t.value]! };
    // `1if x else y`; a number longer than the tokenizer reads at once; a prefix it does not know (`t"…"`).
    if (next.start === t.end && (t.type === 'number' || (t.type === 'name' && next.type === 'string'))) continue;
    return { line: next.line, column: next.column, message: 'invalid syntax' };
  }
  return null;
}

interface Scope {
  readonly loop: boolean;
  readonly func: boolean;
}

/** The first of Python's compile-time errors in statements that parse (CPython's wording). */
function compileErrors(body: readonly Stmt[], source: string, scope: Scope): PythonSyntaxProblem | null {
  for (const s of body) {
    const at = (message: string): PythonSyntaxProblem => ({ line: s.line, column: columnOf(source, s.start), message });
    switch (s.kind) {
      case 'def': {
        const found = compileErrors(s.body, source, { loop: false, func: true });
        if (found) return found;
        break;
      }
      case 'class': {
        const found = compileErrors(s.body, source, { loop: false, func: false });
        if (found) return found;
        break;
      }
      case 'return':
        if (!scope.func) return at("'return' outside function");
        break;
      case 'try': {
        for (const part of [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody]) {
          const found = compileErrors(part, source, scope);
          if (found) return found;
        }
        break;
      }
      case 'other': {
        if (s.what === 'break statement' && !scope.loop) return at("'break' outside loop");
        if (s.what === 'continue statement' && !scope.loop) return at("'continue' not properly in loop");
        if (s.what === 'yield statement' && !scope.func) return at("'yield' outside function");
        // `async …:` is `async for` or `async with`; the parser does not say which, so both count as loops.
        const loop = s.what === 'for statement' || s.what === 'while statement' || s.what === 'async statement';
        const found = compileErrors(s.body, source, loop ? { ...scope, loop: true } : scope);
        if (found) return found;
        break;
      }
      default:
        break;
    }
  }
  return null;
}

function columnOf(source: string, offset: number): number {
  return offset - source.lastIndexOf('\n', offset - 1);
}
