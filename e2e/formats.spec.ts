/**
 * Export and import in the built app: the word-count example as a Storm project zip and as a
 * Petrel zip, a create.py project opened with the file picker and dropped on the canvas, a Flux
 * file and a zip, and a broken create.py that leaves the document as it was.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { exportFlux, exportPetrel, type ExportBundle } from '../src/formats';
import { groupingsTourExample, rollingTopWordsExample, serializeDocument, withLanguage, wordCountExample, type TopologyDocument } from '../src/model';
import { expect, test } from './fixtures/test';

const bundle = (r: ReturnType<typeof exportPetrel>): ExportBundle => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const payloads = (b: ExportBundle) => b.files.map((f) => ({ name: f.path.split('/').pop()!, mimeType: 'text/plain', buffer: Buffer.from(f.content) }));

/** Drops several files onto the canvas as a browser does (one DataTransfer holding them all). */
async function dropFiles(page: Page, files: { name: string; text?: string; bytes?: number[] }[]): Promise<void> {
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.bytes ? new Uint8Array(f.bytes) : f.text!], f.name));
    return dt;
  }, files);
  await page.getByTestId('canvas').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('canvas').dispatchEvent('drop', { dataTransfer: transfer });
}

const ids = (doc: TopologyDocument) => doc.components.map((c) => c.id);

test('exports the word-count example as a Petrel zip, with a preview of each file', async ({ designer, page }) => {
  await designer.page.evaluate((doc) => window.__stormStudio!.loadDocument(doc), serializeDocument(wordCountExample()));
  await page.getByTestId('toolbar.file.export').click();
  const dialog = page.getByTestId('dialog.export');
  await expect(dialog).toBeVisible();
  await page.getByTestId('export.format.petrel').click();
  await expect(page.getByTestId('export.format.petrel')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export.warnings')).toHaveCount(0);
  const expected = bundle(exportPetrel(wordCountExample()));
  await expect(page.getByTestId('export.files').getByRole('tab')).toHaveText(expected.files.map((f) => f.path));

  await page.getByTestId('export.file.create.py').click();
  await expect(page.getByTestId('export.preview')).toContainText("builder.setBolt('count', count.WordCountBolt(), 3)");
  await page.getByTestId('export.file.topology.yaml').click();
  await expect(page.getByTestId('export.preview')).toContainText('topology.workers: 1');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export.download').click()]);
  expect(download.suggestedFilename()).toBe('word-count-petrel.zip');
  const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(entries).sort()).toEqual(expected.files.map((f) => `word-count/${f.path}`).sort());
  for (const f of expected.files) expect(strFromU8(entries[`word-count/${f.path}`]!), f.path).toBe(f.content);

  // Flux: the warnings list and the files change with the format.
  await page.getByTestId('export.format.flux').click();
  await expect(page.getByTestId('export.file.flux.yaml')).toBeVisible();
  await expect(page.getByTestId('export.preview')).toContainText('org.apache.storm.flux.wrappers.bolts.FluxShellBolt');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('exports a JavaScript word count as a Storm project zip: Maven, Flux, the components and the Node runtime', async ({ designer, page }) => {
  const doc = withLanguage(wordCountExample(), 'javascript');
  await designer.page.evaluate((d) => window.__stormStudio!.loadDocument(d), serializeDocument(doc));
  await page.getByTestId('toolbar.file.export').click();
  // The deployable project is what the dialog offers first.
  await expect(page.getByTestId('export.format.flux')).toHaveAttribute('aria-checked', 'true');
  const expected = bundle(exportFlux(doc));
  await expect(page.getByTestId('export.files').getByRole('tab')).toHaveText(expected.files.map((f) => f.path));
  expect(expected.files.map((f) => f.path)).toEqual(['flux.yaml', 'pom.xml', 'README.md', 'src/main/resources/resources/storm-studio.mjs', 'src/main/resources/resources/sentences.mjs', 'src/main/resources/resources/split.mjs', 'src/main/resources/resources/count.mjs']);
  await expect(page.getByTestId('export.preview')).toContainText('["node", "storm-studio.mjs", "split.mjs"]');
  await page.getByTestId('export.file.pom.xml').click();
  await expect(page.getByTestId('export.preview')).toContainText('<artifactId>flux-core</artifactId>');
  await page.screenshot({ path: test.info().outputPath('storm-project-export.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export.download').click()]);
  expect(download.suggestedFilename()).toBe('word-count-flux.zip');
  const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(entries).sort()).toEqual(expected.files.map((f) => `word-count-flux/${f.path}`).sort());
  for (const f of expected.files) expect(strFromU8(entries[`word-count-flux/${f.path}`]!), f.path).toBe(f.content);
});

test('lists what Petrel cannot express in the export dialog', async ({ designer, page }) => {
  const doc = wordCountExample();
  const changed = { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, numTasks: 6 } : c)) };
  await designer.page.evaluate((d) => window.__stormStudio!.loadDocument(d), serializeDocument(changed));
  await page.keyboard.press('Control+e');
  await page.getByTestId('export.format.petrel').click();
  await expect(page.getByTestId('export.warnings')).toContainText('Petrel has no setNumTasks');
  await page.getByTestId('export.file.create.py').click();
  await expect(page.getByTestId('export.preview')).toContainText("'topology.tasks': 6");
});

test('opens a Petrel project with the file picker and by dropping it on the canvas', async ({ designer, page }) => {
  const rolling = bundle(exportPetrel(rollingTopWordsExample()));
  await page.getByTestId('io.file-input').setInputFiles(payloads(rolling));
  await expect(designer.node('rolling-count')).toBeVisible();
  await expect(designer.edge('intermediate-rankings->total-rankings')).toHaveText('global');
  const opened = await designer.document();
  expect(ids(opened)).toEqual(ids(rollingTopWordsExample()));
  expect(opened.components.find((c) => c.id === 'rolling-count')!.parallelism).toBe(4);

  const tour = bundle(exportPetrel(groupingsTourExample()));
  await dropFiles(page, tour.files.map((f) => ({ name: f.path, text: f.content })));
  await expect(designer.node('sessions')).toBeVisible();
  await expect(designer.edge('router:assign->sessions')).toContainText('direct');
  expect(ids(await designer.document())).toEqual(ids(groupingsTourExample()));
  await expect(designer.node('rolling-count')).toHaveCount(0);
});

test('opens a Flux file with its modules, and a project zip; a missing module is reported as a warning', async ({ designer, page }) => {
  const flux = bundle(exportFlux(wordCountExample()));
  const withoutCount = flux.files.filter((f) => !f.path.endsWith('resources/count.py'));
  await dropFiles(page, withoutCount.map((f) => ({ name: f.path.split('/').pop()!, text: f.content })));
  const warnings = page.getByTestId('dialog.import-warnings');
  await expect(warnings).toContainText('resources/count.py (run by "count") was not given');
  await page.keyboard.press('Escape');
  await expect(designer.node('count')).toBeVisible();

  const petrel = bundle(exportPetrel(rollingTopWordsExample()));
  const { zipFiles } = await import('../src/formats');
  const zip = zipFiles(petrel.files, petrel.folder);
  await page.getByTestId('io.file-input').setInputFiles({ name: 'rolling-top-words-petrel.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await expect(designer.node('total-rankings')).toBeVisible();
  expect((await designer.document()).name).toBe('rolling-top-words');
});

test('a broken create.py shows the error with file and line, and the document stays as it was', async ({ designer, page }) => {
  const before = await designer.document();
  const broken = 'import split\n\ndef create(builder):\n    for i in range(3):\n        builder.setBolt(str(i), split.SplitBolt(), 1)\n';
  await page.getByTestId('io.file-input').setInputFiles({ name: 'create.py', mimeType: 'text/x-python', buffer: Buffer.from(broken) });
  const dialog = designer.importErrors();
  await expect(dialog).toContainText('create.py:4');
  await expect(dialog).toContainText('for statement');
  await expect(dialog).toContainText('your current topology is still open');
  await page.keyboard.press('Escape');
  expect(await designer.document()).toEqual(before);

  await dropFiles(page, [
    { name: 'create.py', text: bundle(exportPetrel(wordCountExample())).files[0]!.content },
    { name: 'topology.yaml', text: 'topology.workers: &w 1\nbomb: !!python/object/apply:os.system ["id"]\n' },
  ]);
  await expect(dialog).toContainText('topology.yaml:2');
  await expect(dialog).toContainText('tags are not allowed');
  await page.keyboard.press('Escape');
  expect(await designer.document()).toEqual(before);
});
