/** Page object for the run: toolbar commands, the Run tab (controls, status, Storm UI tables) and the Log tab. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ComponentSpec, TopologyDocument } from '../../src/model';
import type { RunTestState } from '../../src/ui/run/test-api';

export class RunPage {
  constructor(readonly page: Page) {}

  // Toolbar.
  async run(): Promise<void> {
    await this.page.getByTestId('toolbar.run.start').click();
  }
  async pauseOrResume(): Promise<void> {
    await this.page.getByTestId('toolbar.run.pause').click();
  }
  async step(): Promise<void> {
    await this.page.getByTestId('toolbar.run.step').click();
  }
  async stop(): Promise<void> {
    await this.page.getByTestId('toolbar.run.stop').click();
  }

  // The Run tab.
  async showRunTab(): Promise<void> {
    await this.page.getByTestId('dock.tab.run').click();
  }
  status(): Locator {
    return this.page.getByTestId('run.status');
  }
  async expectStatus(status: string, timeout = 30_000): Promise<void> {
    await expect(this.status()).toHaveAttribute('data-status', status, { timeout });
  }
  time(): Locator {
    return this.page.getByTestId('run.time');
  }
  async timeMs(): Promise<number> {
    return Number(await this.time().getAttribute('data-ms'));
  }
  failure(): Locator {
    return this.page.getByTestId('run.failure');
  }
  /** A cell of the spouts or bolts table, e.g. `cell('bolts', 'count', 'executed')`. */
  cell(table: 'spouts' | 'bolts', component: string, column: string): Locator {
    return this.page.getByTestId(`run.${table}.${component}.${column}`);
  }
  async count(table: 'spouts' | 'bolts', component: string, column: string): Promise<number> {
    return Number((await this.cell(table, component, column).innerText()).replace(/,/g, ''));
  }

  // The Log tab.
  async showLog(component?: string): Promise<void> {
    await this.page.getByTestId('dock.tab.logs').click();
    await this.page.getByTestId('run.logs.component').selectOption(component ?? '');
  }
  logLines(): Locator {
    return this.page.getByTestId('run.logs.line');
  }

  // Through the test API.
  state(): Promise<RunTestState> {
    return this.page.evaluate(() => window.__stormStudioRun!.state());
  }
  /** Loads a document through the designer's test API (as "Open…" would). */
  async load(doc: TopologyDocument): Promise<void> {
    const r = await this.page.evaluate((text) => window.__stormStudio!.loadDocument(text), JSON.stringify(doc));
    expect(r).toEqual({ ok: true });
  }
  document(): Promise<TopologyDocument> {
    return this.page.evaluate(() => window.__stormStudio!.getDocument());
  }
  /** The open document with every component switched to a language. */
  async useLanguage(language: ComponentSpec['language']): Promise<void> {
    const doc = await this.document();
    await this.load({ ...doc, components: doc.components.map((c) => ({ ...c, language })) });
  }
  /** The open document with one component's code replaced. */
  async setCode(id: string, language: ComponentSpec['language'], code: string): Promise<void> {
    const doc = await this.document();
    await this.load({ ...doc, components: doc.components.map((c) => (c.id === id ? { ...c, language, code: { ...c.code, [language]: code } } : c)) });
  }
  /** The simulation Web Workers alive now. */
  simWorkers(): number {
    return this.page.workers().filter((w) => w.url().includes('sim-worker')).length;
  }
}
