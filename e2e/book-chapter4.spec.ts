/**
 * The book's chapter 4 in the app: the gallery's "Book ch. 4: rolling top words" runs the book's
 * counting and ranking modules behind the Sample text spout, and the final ranker logs the top ten
 * as "Emitting: ['word', n]" every 15 s. And the palette's data sources: a File replay spout given
 * a CSV file in its inspector, a refused file leaving the document as it was.
 */
import { screenshot } from './fixtures/screenshot';
import { expect, test } from './fixtures/test';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 150_000 });

test("chapter 4 logs Emitting: ['word', n] every 15 s from the gallery example", async ({ designer, page }, info) => {
  await page.getByTestId('palette.examples').click();
  await page.getByTestId('examples.open.book-rolling-top-words').click();
  const run = new RunViewsPage(page);
  await expect(run.node('finalRanker')).toBeVisible();
  await expect(run.node('spout')).toBeVisible();
  await run.setSpeed(10);
  await run.start();
  await page.getByTestId('dock.tab.logs').click();
  await page.getByTestId('run.logs.component').selectOption('finalRanker');
  const lines = page.getByTestId('run.logs.line');
  // Two batches of ten: at 90 s and 105 s of the run's clock.
  await expect.poll(async () => lines.count(), { timeout: 90_000 }).toBeGreaterThanOrEqual(20);
  await run.pause();
  const texts = await lines.allInnerTexts();
  const emitting = texts.map((t) => /(\d\d:\d\d:\d\d),\d+\]\[totalrankings\]\[INFO\]Emitting: \['([a-z]+)', (\d+)\]/.exec(t));
  expect(emitting.every((m) => m !== null), texts.join('\n')).toBe(true);
  const times = [...new Set(emitting.map((m) => m![1]))];
  expect(times.slice(0, 2)).toEqual(['00:01:30', '00:01:45']);
  const first = emitting.filter((m) => m![1] === '00:01:30').map((m) => [m![2], Number(m![3])] as const);
  expect(first).toHaveLength(10);
  expect(first[0]![0]).toBe('down');
  expect(first.map(([, n]) => n)).toEqual(first.map(([, n]) => n).sort((a, b) => b - a));
  await page.getByTestId('canvas.node.finalRanker').click();
  await screenshot(page, info, 'book-chapter4.png');
  void designer;
});

test('a File replay spout takes a CSV file in its inspector; a ragged one is refused with its line', async ({ designer, page }, info) => {
  await page.getByTestId('palette.file-replay').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('file-replay');
  const section = page.getByTestId('inspector.source');
  await expect(section.getByTestId('inspector.source.file')).toHaveText('No file yet');
  await expect(page.getByTestId('inspector.problems')).toContainText('replays no file yet');
  await section.getByTestId('inspector.source.input').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('word,count\nstorm,1\nspout,2\n') });
  await expect(section.getByTestId('inspector.source.file')).toContainText('words.csv');
  await expect(section.getByTestId('inspector.source.format')).toHaveValue('csv');
  await expect(page.getByTestId('canvas.node.file-replay')).toContainText('word');
  const doc = async () => page.evaluate(() => window.__stormStudio!.getDocument());
  expect((await doc()).dataFiles?.map((f) => f.name)).toEqual(['words.csv']);
  expect((await doc()).components.find((c) => c.id === 'file-replay')!.streams[0]!.fields).toEqual(['word', 'count']);

  await section.getByTestId('inspector.source.input').setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n') });
  await expect(section.getByTestId('inspector.source.errors')).toHaveText('ragged.csv, line 3: 2 fields, but the header (line 1) has 3.');
  await expect(section.getByTestId('inspector.source.file')).toContainText('words.csv');
  expect((await doc()).dataFiles?.map((f) => f.name)).toEqual(['words.csv']);
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, info, 'file-replay-inspector.png');
  await section.getByTestId('inspector.source.input').setInputFiles({ name: 'photo.dat', mimeType: 'application/octet-stream', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) });
  await expect(section.getByTestId('inspector.source.errors')).toContainText('photo.dat, line 3: a NUL byte; this is a binary file, not text.');

  // The run's Python worker opens the file by name.
  const run = new RunViewsPage(page);
  await run.start();
  await page.getByTestId('dock.tab.logs').click();
  await expect(page.getByTestId('run.logs.lines')).toContainText('words.csv replayed: 2 tuples', { timeout: 60_000 });
  void designer;
});
