import { describe, expect, it } from 'vitest';
import { checkDataFile, DATA_FILE_LIMITS, dataFileNameProblem, parseCsv, putDataFile, removeDataFile } from './data-files';
import { parseDocument, serializeDocument } from './document-format';
import { wordCountExample } from './examples';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkDataFile', () => {
  it('reads lines, CSV (header → fields, quotes, line ends inside quotes) and JSON lines (keys → fields)', () => {
    const lines = checkDataFile('tweets.txt', bytes('\uFEFFfirst tweet\r\nsecond\n\nthird\n'), 'lines');
    expect(lines.ok && { fields: lines.value.fields, records: lines.value.records, text: lines.value.file.text.slice(0, 5) }).toEqual({ fields: ['line'], records: 3, text: 'first' });
    const csv = checkDataFile('words.csv', bytes('word,note\nstorm,"a ""quoted"", multi\nline note"\nspout,plain\n'), 'csv');
    expect(csv.ok && [csv.value.fields, csv.value.records]).toEqual([['word', 'note'], 2]);
    const jsonl = checkDataFile('events.jsonl', bytes('{"user": "ann", "n": 1}\n\n{"n": 2}\n'), 'jsonl');
    expect(jsonl.ok && [jsonl.value.fields, jsonl.value.records]).toEqual([['user', 'n'], 2]);
  });

  it('refuses a file over the size limit, naming it and the limit', () => {
    const r = checkDataFile('big.txt', new Uint8Array(DATA_FILE_LIMITS.maxFileBytes + 1).fill(97), 'lines');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'E_INPUT_TOO_LARGE', file: 'big.txt', message: 'big.txt is 2.0 MB; a data file is limited to 2.0 MB. Replay a part of it.' });
  });

  it('refuses a binary file and bytes that are not UTF-8, with the line', () => {
    const nul = checkDataFile('image.dat', new Uint8Array([104, 105, 10, 0x89, 0x50, 0, 1]), 'lines');
    expect(!nul.ok && nul.errors[0]).toMatchObject({ code: 'E_ENCODING', line: 2, message: 'image.dat, line 2: a NUL byte; this is a binary file, not text. Give a text file (lines, CSV or JSON lines).' });
    const latin1 = checkDataFile('old.txt', new Uint8Array([97, 10, 98, 10, 0xe9, 10]), 'lines');
    expect(!latin1.ok && latin1.errors[0]).toMatchObject({ code: 'E_ENCODING', line: 3, message: 'old.txt, line 3: bytes that are not UTF-8 text. Save the file as UTF-8.' });
  });

  it('refuses a CSV file with ragged rows, naming each row’s line', () => {
    const r = checkDataFile('ragged.csv', bytes('a,b,c\n1,2,3\n4,5\n"x\ny",2,3\n6,7,8,9\n'), 'csv');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => [e.line, e.message])).toEqual([
        [3, 'ragged.csv, line 3: 2 fields, but the header (line 1) has 3.'],
        [6, 'ragged.csv, line 6: 4 fields, but the header (line 1) has 3.'],
      ]);
    }
  });

  it('refuses a CSV header with an empty or repeated name, an empty CSV and an unclosed quote', () => {
    const header = checkDataFile('h.csv', bytes('a,,a\n1,2,3\n'), 'csv');
    expect(!header.ok && header.errors.map((e) => e.message)).toEqual(['h.csv, line 1: the header row has an empty column name; every column names a field.', 'h.csv, line 1: the header names the field "a" twice.']);
    const empty = checkDataFile('e.csv', bytes('\n\n'), 'csv');
    expect(!empty.ok && empty.errors[0]!.message).toBe('e.csv is empty: a CSV file needs a header row naming the fields.');
    const open = checkDataFile('q.csv', bytes('a,b\n1,"never closed\n2,3\n'), 'csv');
    expect(!open.ok && open.errors[0]).toMatchObject({ line: 2, message: 'q.csv, line 2: a quoted field is never closed.' });
  });

  it('refuses an invalid JSON line with its line number, a line that is not an object, and a key the first line lacks', () => {
    const r = checkDataFile('bad.jsonl', bytes('{"word": "storm", "n": 1}\n{"word": "spout", "n": 2\n[1, 2]\n{"word": "x", "extra": 1}\n'), 'jsonl');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4]);
      expect(r.errors[0]!.message).toMatch(/^bad\.jsonl, line 2: not valid JSON \(.+\)\.$/);
      expect(r.errors[1]!.message).toBe('bad.jsonl, line 3: a JSON array, not an object; each line is one object whose keys are the fields.');
      expect(r.errors[2]!.message).toBe('bad.jsonl, line 4: the key "extra" is not one of the fields of the first line (word, n).');
    }
  });

  it('refuses names that are paths, modules or project files', () => {
    expect(dataFileNameProblem('tweets.csv')).toBeNull();
    for (const name of ['../etc/passwd.txt', 'dir/a.csv', 'count.py', 'flux.yaml', 'setup.sh', 'logconfig.ini', '.hidden.txt', 'a b.txt']) {
      expect(dataFileNameProblem(name), name).not.toBeNull();
    }
    const r = checkDataFile('count.py', bytes('x'), 'lines');
    expect(!r.ok && r.errors[0]!.message).toMatch(/"count\.py" is not a data file name/);
  });

  it('parses CSV as Python’s csv module does', () => {
    expect(parseCsv('a,b\r\n"1,2",""\n\n3,\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1,2', ''], line: 2 },
      { fields: ['3', ''], line: 4 },
    ]);
  });
});

describe('data files in a document', () => {
  it('are added, replaced and removed, and the total is bounded', () => {
    const doc = wordCountExample();
    const a = putDataFile(doc, { name: 'a.txt', text: 'one' });
    expect(a.ok && a.value.dataFiles).toEqual([{ name: 'a.txt', text: 'one' }]);
    const again = a.ok ? putDataFile(a.value, { name: 'a.txt', text: 'two' }) : a;
    expect(again.ok && again.value.dataFiles).toEqual([{ name: 'a.txt', text: 'two' }]);
    expect(again.ok && removeDataFile(again.value, 'a.txt')).toEqual(doc);
    const big = 'x'.repeat(DATA_FILE_LIMITS.maxFileBytes);
    let d = doc;
    for (const name of ['1.txt', '2.txt']) {
      const r = putDataFile(d, { name, text: big });
      if (r.ok) d = r.value;
    }
    const third = putDataFile(d, { name: '3.txt', text: big });
    expect(!third.ok && third.errors[0]).toBe("With 3.txt the document's data files would hold 6.0 MB; they are limited to 5.0 MB together. Remove a file first.");
  });

  it('survive saving and loading; a bad name in a saved document is refused with its path', () => {
    const r = putDataFile(wordCountExample(), { name: 'words.csv', text: 'word\nstorm\n' });
    if (!r.ok) throw new Error('put');
    const back = parseDocument(serializeDocument(r.value));
    expect(back.ok && back.value.dataFiles).toEqual([{ name: 'words.csv', text: 'word\nstorm\n' }]);
    const bad = parseDocument(serializeDocument({ ...r.value, dataFiles: [{ name: '../x.py', text: '' }] }), 'doc.json');
    expect(!bad.ok && bad.errors[0]).toMatchObject({ file: 'doc.json', path: 'dataFiles[0].name' });
  });
});
