import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInlines, parseMarkdown, slug, type Block } from './markdown';

describe('parseInlines', () => {
  it('reads code, emphasis, links and images, and leaves markup-looking text alone', () => {
    expect(parseInlines('a `b*c*` **d *e* f** [f `g`](h.md) ![i](j.png) 5 * 3 <x>')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: 'b*c*' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'd ' }, { kind: 'em', children: [{ kind: 'text', text: 'e' }] }, { kind: 'text', text: ' f' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'h.md', children: [{ kind: 'text', text: 'f ' }, { kind: 'code', text: 'g' }] },
      { kind: 'text', text: ' ' },
      { kind: 'image', src: 'j.png', alt: 'i' },
      { kind: 'text', text: ' 5 * 3 <x>' },
    ]);
    expect(parseInlines('E_BOLTFAILED__x and \\*not em\\*')).toEqual([{ kind: 'text', text: 'E_BOLTFAILED__x and *not em*' }]);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, fenced code, quotes and rules', () => {
    const blocks = parseMarkdown('# Run views: seeing it\n\nOne\nline.\n\n```sh\nnpm test\n  indented\n```\n\n> quoted\n> more\n\n---\n');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, id: 'run-views-seeing-it', children: [{ kind: 'text', text: 'Run views: seeing it' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'One line.' }] },
      { kind: 'code', lang: 'sh', text: 'npm test\n  indented' },
      { kind: 'quote', children: [{ kind: 'paragraph', children: [{ kind: 'text', text: 'quoted more' }] }] },
      { kind: 'rule' },
    ]);
  });

  it('reads nested lists with continuation lines, and ordered lists', () => {
    const [list, ordered] = parseMarkdown('- one\n  still one\n  - nested\n- two\n\n1. first\n2. second\n') as [Extract<Block, { kind: 'list' }>, Extract<Block, { kind: 'list' }>];
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'one still one' }] },
      { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'paragraph', children: [{ kind: 'text', text: 'nested' }] }]] },
    ]);
    expect(ordered).toMatchObject({ kind: 'list', ordered: true, start: 1 });
    expect(ordered.items).toHaveLength(2);
  });

  it('reads tables with alignment, pipes in code staying in their cell', () => {
    const [table] = parseMarkdown('| a | b |\n|---|--:|\n| `x|y` | 2 |\n');
    expect(table).toEqual({
      kind: 'table',
      align: [null, 'right'],
      head: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]],
      rows: [[[{ kind: 'code', text: 'x|y' }], [{ kind: 'text', text: '2' }]]],
    });
  });

  it('reads every doc of the app without losing text', () => {
    for (const file of ['README.md', 'docs/run-views.md', 'docs/engine.md', 'docs/formats.md', 'docs/python.md', 'docs/benchmarks.md', 'docs/components.md', 'docs/hosting.md', 'docs/book.md']) {
      const source = readFileSync(file, 'utf8');
      const blocks = parseMarkdown(source);
      expect(blocks.length, file).toBeGreaterThan(5);
      expect(blocks[0], file).toMatchObject({ kind: 'heading', level: 1 });
      // Every word of the source appears in the tree (markup aside).
      const text = JSON.stringify(blocks);
      for (const word of source.match(/[A-Za-z]{6,}/g) ?? []) expect(text, `${file}: ${word}`).toContain(word);
    }
  });

  it('makes GitHub-style anchors', () => {
    expect(slug('Where this departs from Storm UI')).toBe('where-this-departs-from-storm-ui');
    expect(slug('Step mode')).toBe('step-mode');
  });
});
