/**
 * The repository's shape (docs/engine.md, "Where each concern lives"): modules import each other
 * without cycles (type-only imports included), and no engine module grows past 500 lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_ENGINE_LINES = 500;

/** The TypeScript files under `dir` (tests too when `tests`). */
function sourceFiles(dir: string, tests = false, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') sourceFiles(path, tests, out);
    } else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') && (tests || !/\.test\.tsx?$/.test(name))) out.push(path);
  }
  return out;
}

/** The relative modules a file imports or re-exports at its top level (not `import()` calls). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const base = resolve(dirname(file), specifier.text.replace(/\.js$/, ''));
    const target = [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, 'index.ts')].find((p) => known.has(p));
    if (target) out.push(target);
  }
  return out;
}

/** Every cycle a depth-first walk of `edges` meets, each as the path that closes it. */
function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the repository', () => {
  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(edges)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle in src, workers or scripts', () => {
    const files = ['src', 'workers', 'scripts'].flatMap((d) => sourceFiles(join(ROOT, d)));
    const known = new Set(files);
    const edges = new Map(files.map((f) => [f, importsOf(f, known)]));
    const cycles = findCycles(edges).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    expect(files.length).toBeGreaterThan(300);
    expect(cycles).toEqual([]);
  });

  it(`keeps every file of src/engine within ${MAX_ENGINE_LINES} lines`, () => {
    const long = sourceFiles(join(ROOT, 'src/engine'), true)
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_ENGINE_LINES);
    expect(long).toEqual([]);
  });
});
