/**
 * The app from 1024×768 to 2560 wide: nothing is wider than the window or its panel, the Run
 * button is always shown, every toolbar command is a button in view or an item of the More menu
 * (reachable with the keyboard). Screenshots at 1024×768, 1280×800, 1440×900 and 1920×1080 in
 * both themes go to the test output; with `UPDATE_SCREENSHOTS=1` they also replace the ones in
 * docs/screenshots/ (layout-<width>-<theme>.png).
 */
import { screenshot } from './fixtures/screenshot';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';
import { ShellPage, TOOLBAR_COMMANDS } from './pages/shell-page';

test.describe.configure({ timeout: 120_000 });

const SIZES = [
  { width: 1024, height: 768, screenshot: true },
  { width: 1280, height: 800, screenshot: true },
  { width: 1440, height: 900, screenshot: true },
  { width: 1920, height: 1080, screenshot: true },
  { width: 2560, height: 1440, screenshot: false },
] as const;


/** Every toolbar command is reachable: a button in view, or an item of the More menu. */
async function expectCommandsReachable(shell: ShellPage): Promise<void> {
  const visible = await shell.visibleToolbarCommands();
  const inMenu = await shell.moreMenuCommands();
  for (const id of TOOLBAR_COMMANDS) expect([...visible, ...inMenu], `${id} is neither in view nor in the More menu`).toContain(id);
  // The Run button is never folded away.
  expect(visible).toContain('run.start');
}

/**
 * The dock's tabs may wrap in narrow windows, but the collapse chevron sits beside the first row of
 * tabs, never on a row of its own; from 1440 px the twelve tabs fit on one 36 px row.
 */
async function expectDockBarCompact(page: Page, width: number): Promise<void> {
  const box = async (id: string) => {
    const b = await page.getByTestId(id).first().boundingBox();
    if (!b) throw new Error(`${id} is not laid out`);
    return b;
  };
  const bar = await box('dock.bar');
  const tabs = await box('dock.tabs');
  const toggle = await box('dock.toggle');
  const firstTab = await page.getByTestId('dock.tabs').getByRole('tab').first().boundingBox();
  if (!firstTab) throw new Error('the first dock tab is not laid out');
  expect(bar.height, 'the dock bar is no taller than its rows of tabs').toBeLessThanOrEqual(tabs.height + 1);
  expect(toggle.y, 'the chevron is on the first row of tabs').toBeGreaterThanOrEqual(firstTab.y - 1);
  expect(toggle.y + toggle.height, 'the chevron is on the first row of tabs').toBeLessThanOrEqual(firstTab.y + firstTab.height + 1);
  expect(toggle.x, 'the chevron is right of the tabs').toBeGreaterThanOrEqual(tabs.x + tabs.width - 1);
  if (width >= 1440) expect(bar.height, `one row of tabs at ${width} px`).toBeLessThanOrEqual(37);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} nothing overflows and every command is reachable`, async ({ designer, page }, info) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const shell = new ShellPage(page);
    const run = new RunPage(page);
    await run.useLanguage('javascript');
    await designer.node('count').click();
    await expect(page.getByTestId('inspector.component')).toBeVisible();
    expect(await shell.overflow()).toEqual([]);
    await expectCommandsReachable(shell);
    await expectDockBarCompact(page, size.width);

    // A run: the labels change (Run → Restart), the legend, the Run tab's controls and tables.
    await run.showRunTab();
    await run.run();
    await run.expectStatus('running');
    await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 30_000 }).toBeGreaterThan(100);
    await run.pauseOrResume();
    await run.expectStatus('paused');
    await expect(page.getByTestId('toolbar.run.start')).toBeInViewport({ ratio: 1 });
    expect(await shell.overflow()).toEqual([]);
    await expectCommandsReachable(shell);
    for (const tab of ['logs', 'step', 'trees', 'plan', 'charts'] as const) {
      await page.getByTestId(`dock.tab.${tab}`).click();
      await expect(page.getByTestId(`dock.panel.${tab}`)).toBeVisible();
      expect(await shell.overflow(), `the ${tab} tab`).toEqual([]);
    }
    await run.showRunTab();

    if (size.screenshot) {
      await screenshot(page, info, `layout-${size.width}-light.png`);
      await page.getByTestId('toolbar.view.theme').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(await shell.overflow()).toEqual([]);
      await screenshot(page, info, `layout-${size.width}-dark.png`);
    }
  });
}

test('the More menu works with the keyboard at 1024×768', async ({ designer, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const shell = new ShellPage(page);
  await expect(shell.more()).toBeVisible();
  await shell.more().focus();
  await page.keyboard.press('Enter');
  await expect(shell.menu()).toBeVisible();
  const items = shell.menu().getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(shell.menu()).toHaveCount(0);
  await expect(shell.more()).toBeFocused();

  // A command run from the menu: Examples opens its dialog (whether it sits in the menu or not).
  const inMenu = await shell.moreMenuCommands();
  if (inMenu.includes('file.examples')) {
    await shell.more().click();
    await shell.menuItem('file.examples').click();
  } else {
    await page.getByTestId('toolbar.file.examples').click();
  }
  await expect(page.getByTestId('dialog.examples')).toBeVisible();
  void designer;
});
