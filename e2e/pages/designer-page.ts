/** Page object for the designer: canvas, palette, inspector, dock, editor, toolbar, dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ComponentSpec, TopologyDocument } from '../../src/model';

export class DesignerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/?test');
    await this.waitReady();
  }

  /** The app is up: the test API exists and the canvas shows the document's nodes. */
  async waitReady(): Promise<void> {
    // Only test builds have the test API: say so rather than time out on every spec.
    await this.page.waitForFunction(() => window.__stormStudio !== undefined || document.querySelector('[data-testid="canvas"]') !== null);
    if (!(await this.page.evaluate(() => window.__stormStudio !== undefined))) {
      await this.page.waitForFunction(() => window.__stormStudio !== undefined, null, { timeout: 5_000 }).catch(() => {
        throw new Error('window.__stormStudio is missing: this build has no test API. Build the app for the tests with `npx vite build --mode test` (npm run test:e2e does).');
      });
    }
    const first = await this.page.evaluate(() => window.__stormStudio!.getDocument().components[0]?.id);
    if (first) await expect(this.node(first)).toBeVisible();
  }

  // Canvas.
  canvas(): Locator {
    return this.page.getByTestId('canvas');
  }
  node(id: string): Locator {
    return this.page.getByTestId(`canvas.node.${id}`);
  }
  nodeParallelism(id: string): Locator {
    return this.page.getByTestId(`canvas.node.${id}.parallelism`);
  }
  edge(id: string): Locator {
    return this.page.getByTestId(`canvas.edge.${id}`);
  }
  nodes(): Locator {
    return this.page.locator('[data-testid^="canvas.node."][data-kind]');
  }

  /** Clicks an empty spot of the canvas (clears the selection, takes focus out of inputs). */
  async clickPane(): Promise<void> {
    const box = (await this.canvas().boundingBox())!;
    await this.page.mouse.click(box.x + 30, box.y + 30);
  }

  /** Drags from a node's stream handle to a bolt's input handle, as a person would. */
  async connect(from: string, stream: string, to: string): Promise<void> {
    const source = (await this.page.getByTestId(`canvas.node.${from}.out.${stream}`).boundingBox())!;
    const targetHandle = this.page.getByTestId(`canvas.node.${to}.in`);
    const target = (await targetHandle.boundingBox())!;
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2 - 20, target.y + target.height / 2, { steps: 8 });
    // Near the canvas's edge React Flow pans while a connection is dragged (autoPanOnConnect): the
    // target moves under the pointer, so aim at where it is now and drop at once.
    const moved = (await targetHandle.boundingBox())!;
    await this.page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height / 2);
    await this.page.mouse.up();
  }

  /** Draws a selection box with Shift+drag between two canvas points (relative to the canvas). */
  async boxSelect(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    const box = (await this.canvas().boundingBox())!;
    await this.page.keyboard.down('Shift');
    await this.page.mouse.move(box.x + from.x, box.y + from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + to.x, box.y + to.y, { steps: 10 });
    await this.page.mouse.up();
    await this.page.keyboard.up('Shift');
  }

  // Palette.
  async addFromPalette(kind: 'spout' | 'bolt'): Promise<void> {
    await this.page.getByTestId(`palette.${kind}`).click();
  }

  // Inspector.
  inspector(): Locator {
    return this.page.getByTestId('inspector');
  }
  field(testId: string): Locator {
    return this.page.getByTestId(testId);
  }
  /** Types into an inspector field and commits with Enter. */
  async setField(testId: string, value: string): Promise<void> {
    const input = this.field(testId);
    await input.fill(value);
    await input.press('Enter');
  }

  // Dock and editor.
  async showDockTab(id: string): Promise<void> {
    await this.page.getByTestId(`dock.tab.${id}`).click();
  }
  editor(): Locator {
    return this.page.getByTestId('editor.monaco');
  }
  /** Waits for Monaco to show the code of `componentId`. */
  async waitEditor(componentId: string): Promise<void> {
    await expect(this.editor().locator('.view-lines')).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => this.page.evaluate(() => window.__stormStudio!.getEditorComponent())).toBe(componentId);
  }
  /** The editor's text, read through Monaco's model (not the DOM). */
  editorText(): Promise<string | null> {
    return this.page.evaluate(() => window.__stormStudio!.getEditorText());
  }
  async focusEditor(): Promise<void> {
    await this.editor().locator('.view-lines').click();
  }

  // Toolbar and commands.
  toolbarButton(commandId: string): Locator {
    return this.page.getByTestId(`toolbar.${commandId}`);
  }

  // Files.
  async openFile(name: string, text: string): Promise<void> {
    await this.page.getByTestId('io.file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }
  /** Drops a file onto the canvas the way a browser does (a `drop` event carrying a DataTransfer). */
  async dropFile(name: string, text: string): Promise<void> {
    const transfer = await this.page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        return dt;
      },
      { name, text },
    );
    await this.canvas().dispatchEvent('dragover', { dataTransfer: transfer });
    await this.canvas().dispatchEvent('drop', { dataTransfer: transfer });
  }
  importErrors(): Locator {
    return this.page.getByTestId('dialog.import-errors');
  }

  // The document, through the test API.
  document(): Promise<TopologyDocument> {
    return this.page.evaluate(() => window.__stormStudio!.getDocument());
  }
  async component(id: string): Promise<ComponentSpec | undefined> {
    return (await this.document()).components.find((c) => c.id === id);
  }
  /** Writes pending edits and the autosave now, and waits for "Saved". */
  async waitSaved(): Promise<void> {
    await this.page.evaluate(() => window.__stormStudio!.flushSaves());
    await expect(this.page.getByTestId('toolbar.save-status')).toHaveAttribute('data-status', 'saved');
  }
}
