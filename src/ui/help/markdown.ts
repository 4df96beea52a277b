/**
 * A small Markdown reader for the app's own docs (README.md and docs/*.md), shown in the help
 * dialog: headings, paragraphs, emphasis, inline code, links, images, fenced code, lists (nested),
 * block quotes, tables and rules — what the docs use. It builds a tree of plain data (no HTML is
 * ever produced or parsed: text stays text), which `markdown-view.tsx` renders with React.
 */

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly children: readonly Inline[] }
  | { readonly kind: 'em'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly Inline[] }
  | { readonly kind: 'image'; readonly src: string; readonly alt: string };

export type Align = 'left' | 'right' | 'center' | null;

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly id: string; readonly children: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly children: readonly Inline[] }
  | { readonly kind: 'code'; readonly lang: string; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly Block[])[] }
  | { readonly kind: 'quote'; readonly children: readonly Block[] }
  | { readonly kind: 'table'; readonly align: readonly Align[]; readonly head: readonly (readonly Inline[])[]; readonly rows: readonly (readonly (readonly Inline[])[])[] }
  | { readonly kind: 'rule' };

const FENCE = /^ {0,3}(```+|~~~+)\s*([\w+-]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(\s+|$)(.*)$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;

/** A heading's anchor, as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.kind === 'text' || i.kind === 'code' ? i.text : i.kind === 'image' ? i.alt : plain(i.children))).join('');

/** Whether a line starts a block other than a paragraph (it ends a paragraph). */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

/** Splits a table row into its cells' text (pipes inside code spans and escaped pipes are text). */
function cells(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const out: string[] = [];
  let cell = '';
  let code = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && s[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      code = code === 0 ? n : code === n ? 0 : code;
      cell += s.slice(i, i + n);
      i += n - 1;
    } else if (ch === '|' && code === 0) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/** Parses a Markdown document into blocks. */
export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'));
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const children = parseInlines(heading[2]!);
      blocks.push({ kind: 'heading', level: heading[1]!.length, id: slug(plain(children)), children });
      i++;
      continue;
    }
    if (RULE.test(line) && !LIST_ITEM.test(line.replace(/^\s*[-*]\s+[-*]/, ''))) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1]!) && lines[i + 1]!.includes('-')) {
      const head = cells(line);
      const align: Align[] = cells(lines[i + 1]!).map((d) => (d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : d.startsWith(':') ? 'left' : null));
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.includes('|')) rows.push(cells(lines[i++]!).map(parseInlines));
      blocks.push({ kind: 'table', align, head: head.map(parseInlines), rows });
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') {
        const q = QUOTE.exec(lines[i]!);
        body.push(q ? q[1]! : lines[i]!);
        i++;
      }
      blocks.push({ kind: 'quote', children: parseBlocks(body) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      const start = ordered ? Number.parseInt(item[2]!, 10) : 1;
      const items: Block[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (!m || /\d/.test(m[2]!) !== ordered) break;
        // The item's content column: its continuation lines are indented at least this much.
        const column = m[1]!.length + m[2]!.length + Math.max(1, Math.min(4, m[3]!.length));
        const body = [m[4]!];
        i++;
        while (i < lines.length) {
          const next = lines[i]!;
          const indent = next.length - next.trimStart().length;
          if (next.trim() === '') {
            // A blank line continues the item only if the next line is indented into it.
            const after = lines[i + 1];
            if (after !== undefined && after.trim() !== '' && after.length - after.trimStart().length >= column) {
              body.push('');
              i++;
              continue;
            }
            break;
          }
          if (indent >= column) body.push(next.slice(column));
          else if (indent >= 2 && LIST_ITEM.test(next)) body.push(next.slice(Math.min(indent, column)));
          else if (!startsBlock(next) && body[body.length - 1] !== '') body.push(next.trimStart());
          else break;
          i++;
        }
        items.push(parseBlocks(body));
        // Blank lines between items keep the list going.
        while (i < lines.length && lines[i]!.trim() === '' && LIST_ITEM.test(lines[i + 1] ?? '')) i++;
      }
      blocks.push({ kind: 'list', ordered, start, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && (para.length === 0 || !startsBlock(lines[i]!))) {
      if (para.length > 0 && lines[i]!.includes('|') && TABLE_DELIMITER.test(lines[i + 1] ?? '') && (lines[i + 1] ?? '').includes('-')) break;
      para.push(lines[i++]!.trim());
    }
    blocks.push({ kind: 'paragraph', children: parseInlines(para.join('\n')) });
  }
  return blocks;
}

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
const PUNCT = /[\p{P}\p{S}]/u;

/** Whether `*` runs at `at` (of length n) may open / close emphasis (CommonMark's flanking rules, simplified). */
function canOpen(text: string, at: number, n: number): boolean {
  const after = text[at + n];
  const before = text[at - 1];
  return !isSpace(after) && (!PUNCT.test(after!) || isSpace(before) || PUNCT.test(before!));
}
function canClose(text: string, at: number, n: number): boolean {
  const before = text[at - 1];
  const after = text[at + n];
  return !isSpace(before) && (!PUNCT.test(before!) || isSpace(after) || PUNCT.test(after!));
}

/** The index of the `]` closing the `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > 0) i = end;
    } else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Parses inline Markdown (a line break inside a paragraph is a space). */
export function parseInlines(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ kind: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && PUNCT.test(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      buffer += ' ';
      i++;
      continue;
    }
    if (ch === '`') {
      let n = 1;
      while (text[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      const end = text.indexOf(fence, i + n);
      if (end > 0) {
        flush();
        let code = text.slice(i + n, end).replace(/\n/g, ' ');
        if (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
        out.push({ kind: 'code', text: code });
        i = end + n;
        continue;
      }
      buffer += fence;
      i += n;
      continue;
    }
    if ((ch === '!' && text[i + 1] === '[') || ch === '[') {
      const open = ch === '!' ? i + 1 : i;
      const close = closingBracket(text, open);
      const target = close > 0 && text[close + 1] === '(' ? /^\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/.exec(text.slice(close + 1)) : null;
      if (target) {
        flush();
        const label = text.slice(open + 1, close);
        if (ch === '!') out.push({ kind: 'image', src: target[1]!, alt: plain(parseInlines(label)) });
        else out.push({ kind: 'link', href: target[1]!, children: parseInlines(label) });
        i = close + 1 + target[0].length;
        continue;
      }
    }
    if (ch === '*') {
      const n = text[i + 1] === '*' ? 2 : 1;
      if (canOpen(text, i, n)) {
        const marker = '*'.repeat(n);
        let end = text.indexOf(marker, i + n);
        while (end > 0 && (!canClose(text, end, n) || (n === 1 && text[end + 1] === '*' && text[end - 1] !== '*'))) end = text.indexOf(marker, end + n);
        if (end > i + n) {
          flush();
          const children = parseInlines(text.slice(i + n, end));
          out.push(n === 2 ? { kind: 'strong', children } : { kind: 'em', children });
          i = end + n;
          continue;
        }
      }
      buffer += '*'.repeat(n);
      i += n;
      continue;
    }
    buffer += ch;
    i++;
  }
  flush();
  return out;
}
