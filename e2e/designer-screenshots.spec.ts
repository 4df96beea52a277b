/**
 * Screenshots of the designer in both themes. They are written to the test output; with
 * `UPDATE_SCREENSHOTS=1` they also replace the ones in docs/screenshots/ used by the README.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { expect, test } from './fixtures/test';

const update = process.env.UPDATE_SCREENSHOTS === '1';

test('the designer in the light and dark themes', async ({ designer, page }, info) => {
  // Light: word count, the count bolt selected, its code open.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await designer.node('count').click();
  await designer.waitEditor('count');
  await page.mouse.move(0, 0);
  const light = info.outputPath('designer-light.png');
  await page.screenshot({ path: light });
  const lightBackground = await page.evaluate(() => getComputedStyle(document.querySelector('.inspector')!).backgroundColor);

  // Dark: the groupings tour, an edge selected to show the grouping inspector.
  await page.getByTestId('toolbar.view.theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await designer.toolbarButton('file.examples').click();
  await page.getByTestId('examples.open.groupings-tour').click();
  await expect(designer.node('sessions')).toBeVisible();
  await designer.edge('clicks->totals').click();
  await expect(page.getByTestId('inspector.subscription')).toBeVisible();
  await page.getByTestId('notice').first().waitFor({ state: 'detached' });
  await page.mouse.move(0, 0);
  const dark = info.outputPath('designer-dark.png');
  await page.screenshot({ path: dark });
  const darkBackground = await page.evaluate(() => getComputedStyle(document.querySelector('.inspector')!).backgroundColor);
  expect(darkBackground).not.toBe(lightBackground);

  if (update) {
    await mkdir('docs/screenshots', { recursive: true });
    await copyFile(light, 'docs/screenshots/designer-light.png');
    await copyFile(dark, 'docs/screenshots/designer-dark.png');
  }
});
