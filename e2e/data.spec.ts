/**
 * The Data tab: the run's Redis and MongoDB as chapter 5's topologies fill them (keys with their
 * types and expiry, the ranking sorted set with its scores, a collection as a table).
 */
import { bookMongoExample, bookRedisExample } from '../src/model';
import { screenshot } from './fixtures/screenshot';
import { expect, test } from './fixtures/test';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 120_000 });

test('the Redis rankings form in the Data tab as the run goes', async ({ designer, page }, info) => {
  const views = new RunViewsPage(page);
  await views.load(bookRedisExample());
  await page.getByTestId('dock.tab.data').click();
  await expect(page.getByTestId('data.empty')).toContainText('import redis');
  await views.setSpeed(10);
  await views.start();
  await page.getByTestId('dock.tab.data').click();
  const panel = page.getByTestId('data.panel');
  await expect(panel.getByTestId('data.redis')).toContainText('embedded', { timeout: 60_000 });
  // The per-minute set fills first; the ranking key appears at the first tick (15 s of engine time).
  await expect(page.getByTestId('data.redis.key.word_count:top')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('data.redis.key.word_count:top').click();
  const ranking = page.getByTestId('data.redis.ranking');
  await expect(ranking.locator('tbody tr')).toHaveCount(25);
  const scores = async () => (await ranking.locator('tbody tr td:nth-child(3)').allInnerTexts()).map(Number);
  const first = await scores();
  expect(first).toEqual([...first].sort((a, b) => b - a));
  // The ranking grows at the next tick.
  await expect.poll(async () => (await scores())[0]!, { timeout: 30_000 }).toBeGreaterThan(first[0]!);
  await expect(page.getByTestId('data.redis.keys')).toContainText('zset');
  await expect(page.getByTestId('data.redis.keys')).toContainText(/\d+ min \d+ s/);
  await views.pause();
  await screenshot(page, info, 'data-tab.png');
  void designer;
});

test('a MongoDB collection shows as a table with its unique index', async ({ designer, page }) => {
  const views = new RunViewsPage(page);
  await views.load(bookMongoExample());
  await views.setSpeed(10);
  await views.start();
  await page.getByTestId('dock.tab.data').click();
  const coll = page.getByTestId('data.mongo.storm.minute_words');
  await expect(coll).toContainText('word_1_minute_1 (unique)', { timeout: 60_000 });
  await expect(coll.locator('thead th')).toHaveText(['_id', 'word', 'minute', 'count']);
  await expect.poll(async () => coll.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(5);
  void designer;
});
