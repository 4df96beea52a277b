/**
 * The first-run tour: shown by itself on a first start (browser tests ask for it with `&tour`),
 * skippable, shown once, and replayed from Help → Tour; its card stays inside the window.
 */
import { expect, test } from './fixtures/test';

test('the tour shows once on a first start, steps through the app, and Help → Tour replays it', async ({ designer, page }) => {
  void designer;
  await page.goto('/?test&tour');
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  await expect(page.getByTestId('tour.title')).toHaveText('Welcome to Storm Studio');
  const titles: string[] = [];
  for (;;) {
    titles.push(await page.getByTestId('tour.title').innerText());
    const card = (await page.locator('.tour-card').boundingBox())!;
    const vp = page.viewportSize()!;
    expect(card.x >= 0 && card.y >= 0 && card.x + card.width <= vp.width && card.y + card.height <= vp.height, `the card of "${titles.at(-1)}" is inside the window`).toBe(true);
    if ((await page.getByTestId('tour.next').count()) === 0) break;
    await page.getByTestId('tour.next').click();
  }
  expect(titles).toEqual(['Welcome to Storm Studio', 'Add components', 'The topology', 'The inspector', 'Run', 'The run views', 'Help and lessons']);
  await page.getByTestId('tour.lessons').click();
  await expect(tour).toHaveCount(0);
  await expect(page.getByTestId('lessons.panel')).toBeVisible();

  // Seen: not again on the next start.
  await page.goto('/?test&tour');
  await designer.waitReady();
  await page.waitForTimeout(500);
  await expect(tour).toHaveCount(0);

  // Help → Tour replays it; Escape skips it.
  await page.getByTestId('toolbar.help').click();
  await page.getByTestId('menu.help.tour').click();
  await expect(tour).toBeVisible();
  await page.getByTestId('tour.next').click();
  await expect(page.getByTestId('tour.title')).toHaveText('Add components');
  await page.keyboard.press('Escape');
  await expect(tour).toHaveCount(0);
});

test('a skipped tour is not shown again, and browser tests without &tour never see it', async ({ designer, page }) => {
  await expect(page.getByTestId('tour')).toHaveCount(0);
  await page.goto('/?test&tour');
  await designer.waitReady();
  await page.getByTestId('tour.skip').click();
  await expect(page.getByTestId('tour')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('storm-studio:tour'))).toBe('skipped');
  await page.reload();
  await designer.waitReady();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('tour')).toHaveCount(0);
});
