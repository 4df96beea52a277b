/**
 * A Python statement and expression parser for reading code without running it. It builds a
 * small syntax tree: imports, `def`, `class`, `try`, assignments, `return` and expression
 * statements, with literals, names, attributes, calls and arithmetic. Constructs the readers never
 * need to evaluate (comprehensions, lambdas, conditionals, loops…) are kept as `other` nodes with
 * their line, so that a caller can say exactly what it did not understand and where. Every node
 * carries its {@link Span} in the source, so that a reader can rewrite what it read.
 */
import { PythonSyntaxError, tokenize, type Token } from './tokenize';

/** How deeply blocks and expressions may nest before the code is refused (not read). */
export const MAX_NESTING = 100;

/** Where a node is: `[start, end)` character offsets in the source, from its first token to its last. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

type ExprNode =
  | { readonly kind: 'name'; readonly id: string; readonly line: number }
  | { readonly kind: 'const'; readonly value: string | number | boolean | null; readonly line: number; readonly float?: boolean; readonly note?: string }
  | { readonly kind: 'list' | 'tuple' | 'set'; readonly items: readonly Expr[]; readonly line: number }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [Expr, Expr])[]; readonly line: number }
  | { readonly kind: 'attr'; readonly value: Expr; readonly attr: string; readonly line: number }
  | { readonly kind: 'call'; readonly func: Expr; readonly args: readonly Expr[]; readonly keywords: readonly Keyword[]; readonly line: number }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Expr; readonly line: number }
  | { readonly kind: 'binop'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly line: number }
  | { readonly kind: 'other'; readonly what: string; readonly line: number };

export type Expr = ExprNode & Span;

export interface Keyword {
  readonly name: string;
  readonly value: Expr;
}

/** An `except` clause: the exception type it names (null for a bare `except:`) and its body. */
export interface Handler {
  readonly type: Expr | null;
  readonly line: number;
  readonly body: readonly Stmt[];
}

type StmtNode =
  | { readonly kind: 'import'; readonly names: readonly { module: string; asname: string | null }[]; readonly line: number }
  | { readonly kind: 'from'; readonly module: string; readonly level: number; readonly names: readonly { name: string; asname: string | null }[]; readonly line: number }
  | { readonly kind: 'def'; readonly name: string; readonly params: readonly string[]; readonly decorators: readonly Expr[]; readonly body: readonly Stmt[]; readonly line: number }
  | { readonly kind: 'class'; readonly name: string; readonly bases: readonly Expr[]; readonly body: readonly Stmt[]; readonly line: number }
  | { readonly kind: 'assign'; readonly targets: readonly Expr[]; readonly value: Expr; readonly line: number }
  | { readonly kind: 'expr'; readonly value: Expr; readonly line: number }
  | { readonly kind: 'return'; readonly value: Expr | null; readonly line: number }
  | { readonly kind: 'pass'; readonly line: number }
  | { readonly kind: 'try'; readonly body: readonly Stmt[]; readonly handlers: readonly Handler[]; readonly orelse: readonly Stmt[]; readonly finalbody: readonly Stmt[]; readonly line: number }
  | { readonly kind: 'other'; readonly what: string; readonly line: number; readonly body: readonly Stmt[] };

export type Stmt = StmtNode & Span;

export { PythonSyntaxError };

const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'async', 'match', 'case']);
/** Keywords that only start a compound statement's header (soft keywords such as `match` excluded). */
const HEADER_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with']);
/** Keywords that can never be an operand. */
const NOT_AN_OPERAND = new Set(['and', 'as', 'assert', 'async', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'nonlocal', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with']);
const BINARY_PRECEDENCE: Record<string, number> = {
  or: 1, and: 2,
  '<': 4, '>': 4, '==': 4, '>=': 4, '<=': 4, '!=': 4, in: 4, is: 4,
  '|': 5, '^': 6, '&': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '//': 10, '%': 10, '@': 10,
};

/**
 * Parses a Python module into statements. Throws {@link PythonSyntaxError} with a line for what
 * is not Python at all (unterminated strings, bad indentation, unbalanced brackets, a statement
 * that does not parse).
 *
 * @example
 * parseModule('import count\n')[0] // { kind: 'import', names: [{ module: 'count', asname: null }], line: 1, start: 0, end: 12 }
 */
export function parseModule(source: string): Stmt[] {
  const p = new Parser(tokenize(source));
  const body = p.block(true);
  return body;
}

class Parser {
  private i = 0;
  private depth = 0;
  /** End offset of the last name, number, string or operator consumed: where a node ends. */
  private lastEnd = 0;
  constructor(private readonly t: Token[]) {}

  private peek(offset = 0): Token {
    return this.t[Math.min(this.i + offset, this.t.length - 1)]!;
  }
  private next(): Token {
    const tok = this.peek();
    if (this.i < this.t.length - 1) this.i++;
    if (tok.type !== 'newline' && tok.type !== 'indent' && tok.type !== 'dedent' && tok.type !== 'end') this.lastEnd = tok.end;
    return tok;
  }
  /** `node` spanning from `start` to the last token consumed. */
  private at<T extends ExprNode | StmtNode>(start: number, node: T): T & Span {
    return { ...node, start, end: this.lastEnd };
  }
  private is(type: Token['type'], value?: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.type === type && (value === undefined || tok.value === value);
  }
  private expect(type: Token['type'], value?: string): Token {
    const tok = this.peek();
    if (!this.is(type, value)) throw this.error(`expected ${value ? `'${value}'` : type} but found ${describe(tok)}`, tok);
    return this.next();
  }
  private error(message: string, tok = this.peek()): PythonSyntaxError {
    return new PythonSyntaxError(message, tok.line, tok.column);
  }

  block(top: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      if (this.is('end')) {
        if (!top) throw this.error('expected an indented block to end');
        return out;
      }
      if (this.is('dedent')) {
        if (top) throw this.error('unexpected dedent');
        this.next();
        return out;
      }
      if (this.is('newline')) {
        this.next();
        continue;
      }
      out.push(...this.statement());
    }
  }

  private suite(): Stmt[] {
    if (this.is('newline')) {
      this.next();
      this.expect('indent');
      this.depth++;
      if (this.depth > MAX_NESTING) throw this.error(`blocks nested more than ${MAX_NESTING} deep`);
      const body = this.block(false);
      this.depth--;
      return body;
    }
    return this.simpleLine();
  }

  private statement(): Stmt[] {
    const tok = this.peek();
    if (this.is('op', '@')) {
      const decorators: Expr[] = [];
      while (this.is('op', '@')) {
        this.next();
        decorators.push(this.exprUntil(['newline']));
        this.expect('newline');
      }
      const s = this.statement();
      const first = s[0];
      if (first && first.kind === 'def') return [{ ...first, decorators, start: tok.start }];
      return s;
    }
    if (tok.type === 'name' && tok.value === 'def') return [this.funcDef()];
    if (tok.type === 'name' && tok.value === 'async' && this.is('name', 'def', 1)) {
      this.next();
      return [this.funcDef(tok.start)];
    }
    if (tok.type === 'name' && tok.value === 'class') return [this.classDef()];
    if (tok.type === 'name' && tok.value === 'try' && this.is('op', ':', 1)) return [this.tryStmt()];
    if (tok.type === 'name' && HEADER_KEYWORDS.has(tok.value) && this.headerColon() === -1) {
      // `for x in y` without its colon: Python points at the end of the line.
      let j = this.i;
      while (this.t[j + 1] && this.t[j]!.type !== 'newline' && this.t[j]!.type !== 'end') j++;
      throw this.error("expected ':'", this.t[j]!);
    }
    if (tok.type === 'name' && COMPOUND.has(tok.value) && this.headerColon() !== -1) {
      const end = this.headerColon();
      while (this.i <= end) this.next();
      return [this.at(tok.start, { kind: 'other', what: `${tok.value} statement`, line: tok.line, body: this.suite() })];
    }
    return this.simpleLine();
  }

  /** `try:` with its `except` clauses (`except*` too), `else:` and `finally:`. */
  private tryStmt(): Stmt {
    const tok = this.expect('name', 'try');
    this.expect('op', ':');
    const body = this.suite();
    const handlers: Handler[] = [];
    while (this.is('name', 'except')) {
      const line = this.next().line;
      if (this.is('op', '*')) this.next();
      let type: Expr | null = null;
      if (!this.is('op', ':')) {
        type = this.exprUntil([':']);
        if (this.is('name', 'as')) {
          this.next();
          this.expect('name');
        }
      }
      this.expect('op', ':');
      handlers.push({ type, line, body: this.suite() });
    }
    let orelse: Stmt[] = [];
    if (handlers.length > 0 && this.is('name', 'else') && this.is('op', ':', 1)) {
      this.next();
      this.next();
      orelse = this.suite();
    }
    let finalbody: Stmt[] = [];
    if (this.is('name', 'finally') && this.is('op', ':', 1)) {
      this.next();
      this.next();
      finalbody = this.suite();
    }
    if (handlers.length === 0 && finalbody.length === 0) throw this.error("expected 'except' or 'finally' block");
    return this.at(tok.start, { kind: 'try', body, handlers, orelse, finalbody, line: tok.line });
  }

  /** Index of the `:` ending a compound statement's header, or -1 when this line is not one. */
  private headerColon(): number {
    let depth = 0;
    let lambdas = 0;
    for (let j = this.i; j < this.t.length; j++) {
      const tok = this.t[j]!;
      if (tok.type === 'newline' || tok.type === 'end') return -1;
      if (tok.type === 'op' && '([{'.includes(tok.value)) depth++;
      else if (tok.type === 'op' && ')]}'.includes(tok.value)) depth--;
      else if (depth === 0 && tok.type === 'name' && tok.value === 'lambda') lambdas++;
      else if (depth === 0 && tok.type === 'op' && tok.value === ':') {
        if (lambdas > 0) lambdas--;
        else return j;
      }
    }
    return -1;
  }

  private funcDef(start = this.peek().start): Stmt {
    const line = this.expect('name', 'def').line;
    const name = this.expect('name').value;
    this.expect('op', '(');
    const params: string[] = [];
    let depth = 1;
    let expectName = true;
    while (depth > 0) {
      const tok = this.next();
      if (tok.type === 'end') throw this.error('unexpected end of file in parameters', tok);
      if (tok.type === 'op' && '([{'.includes(tok.value)) depth++;
      else if (tok.type === 'op' && ')]}'.includes(tok.value)) depth--;
      else if (depth === 1 && tok.type === 'op' && tok.value === ',') expectName = true;
      else if (depth === 1 && expectName && tok.type === 'name') {
        params.push(tok.value);
        expectName = false;
      } else if (depth === 1 && tok.type === 'op' && (tok.value === '*' || tok.value === '**' || tok.value === '/')) {
        expectName = true;
      } else if (depth === 1) expectName = false;
    }
    if (this.is('op', '->')) {
      this.next();
      this.exprUntil([':']);
    }
    this.expect('op', ':');
    return this.at(start, { kind: 'def', name, params, decorators: [], body: this.suite(), line });
  }

  private classDef(): Stmt {
    const { line, start } = this.expect('name', 'class');
    const name = this.expect('name').value;
    let bases: Expr[] = [];
    if (this.is('op', '(')) {
      this.next();
      const { args } = this.callArgs();
      bases = args;
    }
    this.expect('op', ':');
    return this.at(start, { kind: 'class', name, bases, body: this.suite(), line });
  }

  /** Simple statements separated by `;`, up to the end of the logical line. */
  private simpleLine(): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      out.push(this.simple());
      if (this.is('op', ';')) {
        this.next();
        if (this.is('newline')) break;
        continue;
      }
      break;
    }
    if (!this.is('end')) this.expect('newline');
    return out;
  }

  private simple(): Stmt {
    const tok = this.peek();
    const line = tok.line;
    const start = tok.start;
    if (tok.type === 'name') {
      switch (tok.value) {
        case 'import':
          return this.importStmt();
        case 'from':
          return this.fromStmt();
        case 'pass':
          this.next();
          return this.at(start, { kind: 'pass', line });
        case 'return': {
          this.next();
          const value = this.atStatementEnd() ? null : this.exprUntil([';', 'newline']);
          return this.at(start, { kind: 'return', value, line });
        }
        case 'global': case 'nonlocal': case 'del': case 'assert': case 'raise': case 'yield': case 'break': case 'continue': case 'await':
          this.skipStatement();
          return this.at(start, { kind: 'other', what: `${tok.value} statement`, line, body: [] });
      }
    }
    const parts: Expr[] = [this.exprUntil(['=', ';', 'newline'])];
    while (this.is('op', '=')) {
      this.next();
      parts.push(this.exprUntil(['=', ';', 'newline']));
    }
    if (!this.atStatementEnd()) {
      const what = this.peek();
      this.skipStatement();
      return this.at(start, { kind: 'other', what: what.type === 'op' ? `'${what.value}' statement` : 'statement', line, body: [] });
    }
    if (parts.length === 1) return this.at(start, { kind: 'expr', value: parts[0]!, line });
    return this.at(start, { kind: 'assign', targets: parts.slice(0, -1), value: parts[parts.length - 1]!, line });
  }

  private atStatementEnd(): boolean {
    return this.is('newline') || this.is('end') || this.is('op', ';');
  }

  private skipStatement(): void {
    let depth = 0;
    while (!this.is('end')) {
      const tok = this.peek();
      if (depth === 0 && (tok.type === 'newline' || (tok.type === 'op' && tok.value === ';'))) return;
      if (tok.type === 'op' && '([{'.includes(tok.value)) depth++;
      else if (tok.type === 'op' && ')]}'.includes(tok.value)) depth--;
      this.next();
    }
  }

  private dotted(): string {
    let name = this.expect('name').value;
    while (this.is('op', '.')) {
      this.next();
      name += '.' + this.expect('name').value;
    }
    return name;
  }

  private importStmt(): Stmt {
    const { line, start } = this.expect('name', 'import');
    const names: { module: string; asname: string | null }[] = [];
    do {
      if (names.length) this.next();
      const module = this.dotted();
      names.push({ module, asname: this.alias() });
    } while (this.is('op', ','));
    return this.at(start, { kind: 'import', names, line });
  }

  /** The `as name` after an imported name, if any. */
  private alias(): string | null {
    if (!this.is('name', 'as')) return null;
    this.next();
    return this.expect('name').value;
  }

  private fromStmt(): Stmt {
    const { line, start } = this.expect('name', 'from');
    let level = 0;
    while (this.is('op', '.') || this.is('op', '...')) level += this.next().value.length;
    const module = this.is('name', 'import') ? '' : this.dotted();
    this.expect('name', 'import');
    const names: { name: string; asname: string | null }[] = [];
    const paren = this.is('op', '(');
    if (paren) this.next();
    if (this.is('op', '*')) {
      this.next();
      names.push({ name: '*', asname: null });
    } else {
      do {
        if (names.length) this.next();
        if (paren && this.is('op', ')')) break;
        const name = this.expect('name').value;
        names.push({ name, asname: this.alias() });
      } while (this.is('op', ','));
    }
    if (paren) this.expect('op', ')');
    return this.at(start, { kind: 'from', module, level, names, line });
  }

  /** An expression (a tuple when it has top-level commas) ending before one of `stops`. */
  private exprUntil(stops: readonly string[]): Expr {
    const { line, start } = this.peek();
    const first = this.expr();
    if (!this.is('op', ',')) return first;
    const items = [first];
    while (this.is('op', ',')) {
      this.next();
      if (stops.some((s) => (s === 'newline' ? this.is('newline') || this.is('end') : this.is('op', s)))) break;
      items.push(this.expr());
    }
    return this.at(start, { kind: 'tuple', items, line });
  }

  expr(): Expr {
    this.depth++;
    if (this.depth > MAX_NESTING) throw this.error(`expression nested more than ${MAX_NESTING} deep`);
    try {
      const tok = this.peek();
      if (tok.type === 'name' && tok.value === 'lambda') {
        this.next();
        // The parameters (defaults may hold '=' and ','), up to the ':' that ends them.
        let depth = 0;
        while (!this.is('end') && !(depth === 0 && this.is('op', ':'))) {
          const t = this.next();
          if (t.type === 'op' && '([{'.includes(t.value)) depth++;
          else if (t.type === 'op' && ')]}'.includes(t.value)) depth--;
        }
        this.expect('op', ':');
        this.skipExpression();
        return this.at(tok.start, { kind: 'other', what: 'a lambda', line: tok.line });
      }
      if (tok.type === 'name' && tok.value === 'yield') {
        this.next();
        if (this.is('name', 'from')) this.next();
        this.skipExpression();
        return this.at(tok.start, { kind: 'other', what: 'a yield expression', line: tok.line });
      }
      if (tok.type === 'op' && (tok.value === '*' || tok.value === '**')) {
        this.next();
        this.binary(0);
        return this.at(tok.start, { kind: 'other', what: `'${tok.value}' unpacking`, line: tok.line });
      }
      const value = this.binary(0);
      if (this.is('name', 'if')) {
        this.skipExpression();
        return this.at(tok.start, { kind: 'other', what: 'a conditional expression', line: tok.line });
      }
      if (this.is('op', ':=')) {
        this.skipExpression();
        return this.at(tok.start, { kind: 'other', what: 'an assignment expression', line: tok.line });
      }
      return value;
    } finally {
      this.depth--;
    }
  }

  /** Skips to the end of the current expression: a `,`, `=`, `;`, `:`, closing bracket or line end at depth 0. */
  private skipExpression(): void {
    let depth = 0;
    let lambdas = 0;
    while (!this.is('end')) {
      const tok = this.peek();
      if (depth === 0) {
        if (tok.type === 'newline') return;
        // A lambda's parameters (`else lambda a, val=val: …`) do not end it.
        if (tok.type === 'op' && [',', ';', '=', ')', ']', '}'].includes(tok.value) && !(lambdas > 0 && (tok.value === ',' || tok.value === '='))) return;
        // A comprehension's clause ends the expression before it (`{k: a if c else b for k in x}`).
        if (tok.type === 'name' && (tok.value === 'for' || tok.value === 'async') && lambdas === 0) return;
        if (tok.type === 'name' && tok.value === 'lambda') lambdas++;
        if (tok.type === 'op' && tok.value === ':') {
          if (lambdas === 0) return;
          lambdas--;
        }
      }
      if (tok.type === 'op' && '([{'.includes(tok.value)) depth++;
      else if (tok.type === 'op' && ')]}'.includes(tok.value)) depth--;
      this.next();
    }
  }

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const tok = this.peek();
      let op: string | undefined;
      if (tok.type === 'op' && BINARY_PRECEDENCE[tok.value] !== undefined) op = tok.value;
      else if (tok.type === 'name' && (tok.value === 'and' || tok.value === 'or' || tok.value === 'in' || tok.value === 'is')) op = tok.value;
      else if (tok.type === 'name' && tok.value === 'not' && this.is('name', 'in', 1)) op = 'not in';
      if (op === undefined) return left;
      const prec = BINARY_PRECEDENCE[op === 'not in' ? 'in' : op]!;
      if (prec <= minPrec) return left;
      this.next();
      if (op === 'not in') this.next();
      if (op === 'is' && this.is('name', 'not')) this.next();
      const right = this.binary(prec);
      left = this.at(left.start, { kind: 'binop', op, left, right, line: tok.line });
    }
  }

  private unary(): Expr {
    const tok = this.peek();
    if (tok.type === 'op' && (tok.value === '-' || tok.value === '+' || tok.value === '~')) {
      this.next();
      const operand = this.unary();
      return this.at(tok.start, { kind: 'unary', op: tok.value, operand, line: tok.line });
    }
    if (tok.type === 'name' && tok.value === 'not') {
      this.next();
      const operand = this.binary(3);
      return this.at(tok.start, { kind: 'unary', op: 'not', operand, line: tok.line });
    }
    if (tok.type === 'name' && tok.value === 'await') {
      this.next();
      this.unary();
      return this.at(tok.start, { kind: 'other', what: 'await', line: tok.line });
    }
    const base = this.postfix();
    if (this.is('op', '**')) {
      const op = this.next();
      const right = this.unary();
      return this.at(base.start, { kind: 'binop', op: '**', left: base, right, line: op.line });
    }
    return base;
  }

  private postfix(): Expr {
    let value = this.atom();
    for (;;) {
      const tok = this.peek();
      if (tok.type === 'op' && tok.value === '.') {
        this.next();
        const attr = this.expect('name').value;
        value = this.at(value.start, { kind: 'attr', value, attr, line: tok.line });
      } else if (tok.type === 'op' && tok.value === '(') {
        this.next();
        const { args, keywords } = this.callArgs();
        value = this.at(value.start, { kind: 'call', func: value, args, keywords, line: tok.line });
      } else if (tok.type === 'op' && tok.value === '[') {
        this.next();
        this.skipBracket(']');
        value = this.at(value.start, { kind: 'other', what: 'a subscript', line: tok.line });
      } else return value;
    }
  }

  /** Arguments after `(` up to and including `)`. */
  private callArgs(): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.is('op', ')')) {
      if (this.is('name') && this.is('op', '=', 1)) {
        const name = this.next().value;
        this.next();
        keywords.push({ name, value: this.expr() });
      } else {
        const value = this.expr();
        const generator = this.comprehension(')', 'a generator expression', value.start, value.line);
        if (generator) {
          args.push(generator);
          return { args, keywords };
        }
        args.push(value);
      }
      if (!this.is('op', ',')) break;
      this.next();
    }
    this.expect('op', ')');
    return { args, keywords };
  }

  /** When a comprehension's `for` comes next: the whole of it, up to and past `close`, as `what`. */
  private comprehension(close: string, what: string, start: number, line: number): Expr | null {
    if (!this.is('name', 'for') && !this.is('name', 'async')) return null;
    this.skipBracket(close);
    return this.at(start, { kind: 'other', what, line });
  }

  /** Skips to and past the bracket closing the one just consumed. */
  private skipBracket(close: string): void {
    let depth = 1;
    while (!this.is('end')) {
      const tok = this.next();
      if (tok.type === 'op' && '([{'.includes(tok.value)) depth++;
      else if (tok.type === 'op' && ')]}'.includes(tok.value)) {
        depth--;
        if (depth === 0) {
          if (tok.value !== close) throw this.error(`expected '${close}'`, tok);
          return;
        }
      }
    }
    throw this.error(`'${close}' missing`);
  }

  private atom(): Expr {
    const tok = this.peek();
    const line = tok.line;
    const start = tok.start;
    if (tok.type === 'name') {
      if (NOT_AN_OPERAND.has(tok.value)) throw this.error('invalid syntax', tok);
      this.next();
      if (tok.value === 'True' || tok.value === 'False') return this.at(start, { kind: 'const', value: tok.value === 'True', line });
      if (tok.value === 'None') return this.at(start, { kind: 'const', value: null, line });
      return this.at(start, { kind: 'name', id: tok.value, line });
    }
    if (tok.type === 'number') {
      this.next();
      return this.at(start, numberConst(tok));
    }
    if (tok.type === 'string') {
      let value = '';
      let note: string | undefined;
      while (this.is('string')) {
        const s = this.next();
        if (s.prefix?.includes('f')) note = 'an f-string';
        else if (s.prefix?.includes('b')) note = 'a bytes literal';
        else if (s.unreadable) note = `a string with ${s.unreadable}`;
        value += s.value;
      }
      return this.at(start, note === undefined ? { kind: 'const', value, line } : { kind: 'other', what: note, line });
    }
    if (tok.type === 'op' && tok.value === '(') {
      this.next();
      if (this.is('op', ')')) {
        this.next();
        return this.at(start, { kind: 'tuple', items: [], line });
      }
      const first = this.expr();
      const generator = this.comprehension(')', 'a generator expression', start, line);
      if (generator) return generator;
      if (this.is('op', ')')) {
        this.next();
        // A parenthesized expression spans its parentheses (a rewrite replaces them too).
        return { ...first, start, end: this.lastEnd };
      }
      const items = [first];
      while (this.is('op', ',')) {
        this.next();
        if (this.is('op', ')')) break;
        items.push(this.expr());
      }
      this.expect('op', ')');
      return this.at(start, { kind: 'tuple', items, line });
    }
    if (tok.type === 'op' && tok.value === '[') {
      this.next();
      const items: Expr[] = [];
      while (!this.is('op', ']')) {
        items.push(this.expr());
        const comprehension = this.comprehension(']', 'a list comprehension', start, line);
        if (comprehension) return comprehension;
        if (!this.is('op', ',')) break;
        this.next();
      }
      this.expect('op', ']');
      return this.at(start, { kind: 'list', items, line });
    }
    if (tok.type === 'op' && tok.value === '{') {
      this.next();
      const entries: [Expr, Expr][] = [];
      const items: Expr[] = [];
      while (!this.is('op', '}')) {
        if (this.is('op', '**')) {
          this.skipBracket('}');
          return this.at(start, { kind: 'other', what: "'**' unpacking", line });
        }
        const key = this.expr();
        const setComprehension = this.comprehension('}', 'a comprehension', start, line);
        if (setComprehension) return setComprehension;
        if (this.is('op', ':')) {
          this.next();
          const value = this.expr();
          const dictComprehension = this.comprehension('}', 'a dict comprehension', start, line);
          if (dictComprehension) return dictComprehension;
          entries.push([key, value]);
        } else items.push(key);
        if (!this.is('op', ',')) break;
        this.next();
      }
      this.expect('op', '}');
      if (items.length && entries.length) throw this.error('a dict cannot mix entries and set items', tok);
      return this.at(start, items.length ? { kind: 'set', items, line } : { kind: 'dict', entries, line });
    }
    if (tok.type === 'op' && tok.value === '...') {
      this.next();
      return this.at(start, { kind: 'other', what: 'Ellipsis', line });
    }
    throw this.error(`unexpected ${describe(tok)}`, tok);
  }
}

function numberConst(tok: Token): ExprNode {
  const text = tok.value.replace(/_/g, '');
  const line = tok.line;
  if (/[jJ]$/.test(text)) return { kind: 'other', what: 'a complex number', line };
  if (/^0[xX]/.test(text)) return { kind: 'const', value: parseInt(text.slice(2), 16), line };
  if (/^0[oO]/.test(text)) return { kind: 'const', value: parseInt(text.slice(2), 8), line };
  if (/^0[bB]/.test(text)) return { kind: 'const', value: parseInt(text.slice(2), 2), line };
  const float = /[.eE]/.test(text);
  return float ? { kind: 'const', value: Number(text), line, float } : { kind: 'const', value: Number(text), line };
}

function describe(tok: Token): string {
  switch (tok.type) {
    case 'newline':
      return 'the end of the line';
    case 'end':
      return 'the end of the file';
    case 'indent':
      return 'an indented line';
    case 'dedent':
      return 'the end of a block';
    case 'string':
      return 'a string';
    default:
      return `'${tok.value}'`;
  }
}
