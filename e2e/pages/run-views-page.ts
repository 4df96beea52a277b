/**
 * Page object for the run views: starting and pausing a run through the app's run commands, the
 * live canvas, and the Tuple trees, Step, Plan and Charts dock tabs.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { TopologyDocument } from '../../src/model';

export class RunViewsPage {
  constructor(readonly page: Page) {}

  async load(doc: TopologyDocument): Promise<void> {
    const r = await this.page.evaluate((text) => window.__stormStudio!.loadDocument(text), JSON.stringify(doc));
    expect(r).toEqual({ ok: true });
    await expect(this.page.getByTestId(`canvas.node.${doc.components[0]!.id}`)).toBeVisible();
  }

  async showTab(id: 'trees' | 'step' | 'plan' | 'charts' | 'run'): Promise<void> {
    await this.page.getByTestId(`dock.tab.${id}`).click();
  }

  /** Sets the run's speed (simulated seconds per real second) from the Step tab, before or during a run. */
  async setSpeed(speed: number): Promise<void> {
    await this.showTab('step');
    await this.page.getByTestId('step.speed').selectOption(String(speed));
  }

  /** Starts the run (the toolbar's Run command) and waits for it to run. */
  async start(): Promise<void> {
    await this.page.evaluate(() => window.__stormStudio!.runCommand('run.start'));
    await expect(this.page.getByTestId('canvas.legend')).toBeVisible({ timeout: 30_000 });
  }

  async pause(): Promise<void> {
    await this.page.evaluate(() => window.__stormStudio!.runCommand('run.pause'));
    await expect(this.page.getByTestId('canvas.legend')).toContainText('Run paused');
  }

  /** Engine time of the numbers on the canvas (ms). */
  async engineTime(): Promise<number> {
    return Number(await this.page.getByTestId('canvas.legend.time').getAttribute('data-ms'));
  }

  /** Waits until the canvas shows at least `ms` of engine time. */
  async waitEngineTime(ms: number): Promise<void> {
    await expect.poll(() => this.engineTime(), { timeout: 30_000 }).toBeGreaterThanOrEqual(ms);
  }

  node(id: string): Locator {
    return this.page.getByTestId(`canvas.node.${id}`);
  }

  // Tuple trees.
  treeItems(status?: string): Locator {
    return this.page.locator(`[data-testid^="trees.item."]${status ? `[data-status="${status}"]` : ''}`);
  }
  tuples(): Locator {
    return this.page.locator('[data-testid^="trees.tuple."]');
  }

  // Step.
  stepLines(): Locator {
    return this.page.locator('[data-testid^="step.line."][data-kind]');
  }

  // Plan.
  /** Per worker, the executors shown: `component:task,task…`. */
  async planWorkers(): Promise<string[][]> {
    // The Plan tab's code loads on first use: wait for its first worker box.
    await this.page.locator('[data-testid^="plan.worker."]').first().waitFor();
    return this.page.locator('[data-testid^="plan.worker."]').evaluateAll((workers) =>
      workers.map((w) => [...w.querySelectorAll('[data-testid^="plan.executor."]')].map((e) => `${e.getAttribute('data-component')}:${e.getAttribute('data-tasks')}`)),
    );
  }
}
