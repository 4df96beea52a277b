/**
 * Page object for the app's shell: the toolbar (buttons that fit, the "More" menu holding the
 * rest), the Help menu and dialog, and layout checks (nothing wider than the window).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Every command the toolbar offers: each is a visible button or an item of the More menu. */
export const TOOLBAR_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.export',
  'file.examples',
  'edit.undo',
  'edit.redo',
  'view.layout',
  'view.fit',
  'run.start',
  'run.pause',
  'run.step',
  'run.stop',
] as const;

export class ShellPage {
  constructor(readonly page: Page) {}

  more(): Locator {
    return this.page.getByTestId('toolbar.more');
  }
  menu(): Locator {
    return this.page.getByTestId('menu');
  }
  menuItem(commandId: string): Locator {
    return this.page.getByTestId(`menu.${commandId}`);
  }

  /** Command ids shown as toolbar buttons, inside the window. */
  async visibleToolbarCommands(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.toolbar [data-command]')]
        .filter((b) => {
          if (b.closest('[aria-hidden="true"]')) return false;
          const r = b.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight;
        })
        .map((b) => b.dataset.command!),
    );
  }

  /** Command ids the More menu lists (opens and closes it); empty when everything fits. */
  async moreMenuCommands(): Promise<string[]> {
    if ((await this.more().count()) === 0) return [];
    await this.more().click();
    await expect(this.menu()).toBeVisible();
    const ids = await this.menu().locator('[data-command]').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.command!));
    await this.page.keyboard.press('Escape');
    await expect(this.menu()).toHaveCount(0);
    return ids;
  }

  /**
   * What overflows the window or its panel: the page wider than the window, a panel outside it or
   * scrolling sideways, a toolbar button or dock tab cut off. Empty when the layout fits.
   */
  overflow(): Promise<string[]> {
    return this.page.evaluate(() => {
      const problems: string[] = [];
      const vw = innerWidth;
      const vh = innerHeight;
      const box = (r: DOMRect) => `[${Math.round(r.left)}, ${Math.round(r.top)} → ${Math.round(r.right)}, ${Math.round(r.bottom)}]`;
      const root = document.documentElement;
      if (root.scrollWidth > vw) problems.push(`the page is ${root.scrollWidth} px wide in a ${vw} px window`);
      for (const selector of ['.toolbar', '.palette', '.canvas', '.dock', '.inspector']) {
        const el = document.querySelector(selector);
        if (!el) {
          problems.push(`${selector} is missing`);
          continue;
        }
        const r = el.getBoundingClientRect();
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${selector} ${box(r)} is outside the ${vw}×${vh} window`);
        if (r.width < 40) problems.push(`${selector} is squeezed to ${Math.round(r.width)} px`);
      }
      // Panels whose content is wider than they are (a sideways scrollbar or cut-off content).
      for (const selector of ['.toolbar', '.palette', '.inspector', '.dock-bar', '.run-head', '.log-filters', '.st-bar']) {
        for (const el of document.querySelectorAll<HTMLElement>(selector)) {
          if (el.offsetParent === null) continue;
          if (el.scrollWidth > el.clientWidth + 1) problems.push(`${selector} content is ${el.scrollWidth} px wide in ${el.clientWidth} px`);
        }
      }
      const inside = (el: Element, container: Element) => {
        const r = el.getBoundingClientRect();
        const c = container.getBoundingClientRect();
        return r.left >= c.left - 0.5 && r.right <= c.right + 0.5 && r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5;
      };
      const toolbar = document.querySelector('.toolbar');
      if (toolbar) {
        for (const b of toolbar.querySelectorAll<HTMLElement>('button, [role="status"], .topology-name')) {
          if (b.closest('[aria-hidden="true"]') || b.getBoundingClientRect().width === 0) continue;
          if (!inside(b, toolbar) || b.getBoundingClientRect().right > vw + 0.5) problems.push(`toolbar item "${b.dataset.testid ?? b.textContent}" is cut off ${box(b.getBoundingClientRect())}`);
        }
      }
      const bar = document.querySelector('.dock-bar');
      if (bar) for (const tab of bar.querySelectorAll('[role="tab"]')) if (!inside(tab, bar)) problems.push(`dock tab "${tab.textContent}" is cut off`);
      return problems;
    });
  }
}
