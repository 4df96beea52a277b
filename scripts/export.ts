/**
 * npm run export -- <input> --format petrel|flux|json --out DIR [--zip]
 *
 * Reads anything the importer accepts (the app's JSON document, a Petrel project folder or its
 * create.py, a Flux YAML file, a zip) and writes it as a Petrel project, a Storm project (Maven
 * with flux.yaml: `--format flux`) or the app's JSON into DIR (or, with --zip, as one zip file in DIR). Bad input exits 1 with the import
 * errors listed as `file:line: message`; bad arguments exit 2.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { exportDocument, zipFiles, type ExportFormat, type FormatWarning } from '../src/formats';
import { formatErrors, loadImport } from './lib/load-input';

const USAGE = 'usage: npm run export -- <input | example:<id>> --format petrel|flux|json --out DIR [--zip]';

function parseArgs(argv: string[]): { input: string; format: ExportFormat; out: string; zip: boolean } | string {
  let input: string | undefined;
  let format: string | undefined;
  let out: string | undefined;
  let zip = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format' || a === '-f') format = argv[++i];
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--out' || a === '-o') out = argv[++i];
    else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a === '--zip') zip = true;
    else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('-')) return `unknown option ${a}\n${USAGE}`;
    else if (input === undefined) input = a;
    else return `unexpected argument ${a}\n${USAGE}`;
  }
  if (input === undefined) return `missing <input>\n${USAGE}`;
  if (format !== 'petrel' && format !== 'flux' && format !== 'json') return `--format must be petrel, flux or json${format ? ` (got ${format})` : ''}\n${USAGE}`;
  if (!out) return `missing --out DIR\n${USAGE}`;
  return { input, format, out, zip };
}

const warningLine = (w: FormatWarning) => `warning: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.message}`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return args === USAGE ? 0 : 2;
  }
  const loaded = await loadImport(args.input);
  if (!loaded.ok) {
    console.error(`Cannot read ${args.input}:\n${formatErrors(loaded.errors)}`);
    return 1;
  }
  for (const w of loaded.value.warnings) console.error(warningLine(w));
  const exported = exportDocument(loaded.value.document, args.format);
  if (!exported.ok) {
    console.error(`Cannot export ${args.input} as ${args.format}:\n${formatErrors(exported.errors)}`);
    return 1;
  }
  const bundle = exported.value;
  for (const w of bundle.warnings) console.error(warningLine(w));
  const root = resolve(args.out);
  await mkdir(root, { recursive: true });
  if (args.zip) {
    const file = join(root, `${bundle.folder}${bundle.format === 'petrel' ? '-petrel' : ''}.zip`);
    await writeFile(file, zipFiles(bundle.files, bundle.folder, new Date()));
    console.log(`Wrote ${relative(process.cwd(), file) || file} (${bundle.files.length} files, ${args.format}).`);
    return 0;
  }
  for (const f of bundle.files) {
    const target = resolve(root, f.path);
    if (!target.startsWith(root + '/') && target !== root) throw new Error(`refusing to write outside ${root}: ${f.path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.bytes ?? f.content, { mode: f.path.endsWith('.sh') ? 0o755 : 0o644 });
  }
  console.log(`Wrote ${bundle.files.length} file${bundle.files.length === 1 ? '' : 's'} (${args.format}) to ${relative(process.cwd(), root) || '.'}: ${bundle.files.map((f) => f.path).join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(3);
  },
);
