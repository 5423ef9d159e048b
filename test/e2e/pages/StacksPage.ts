import type { Locator, Page } from 'playwright-core';

/** The Stacks section: stored stacks on the left, the open stack (frames, bug check, annotations) on the right. */
export class StacksPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Stacks' }).click();
    await this.page.getByRole('heading', { name: 'Stacks', exact: true }).waitFor();
  }

  dialog(): Locator {
    return this.page.getByTestId('paste-dialog');
  }

  preview(): Locator {
    return this.page.getByTestId('paste-preview');
  }

  async paste(text: string, options: { experiment?: string } = {}): Promise<void> {
    await this.page.getByTestId('stack-new').click();
    await this.dialog().getByLabel('Debugger output').fill(text);
    if (options.experiment) await this.dialog().locator('[name="experimentId"]').selectOption({ label: options.experiment });
  }

  async add(): Promise<void> {
    await this.page.getByTestId('paste-create').click();
    await this.detail().waitFor();
  }

  rows(): Locator {
    return this.page.getByTestId('stack-row');
  }

  detail(): Locator {
    return this.page.getByTestId('stack-detail');
  }

  frames(): Locator {
    return this.page.getByTestId('frame-row');
  }

  frame(position: number): Locator {
    return this.page.locator(`[data-testid="frame-row"][data-frame="${position}"]`);
  }

  faultingFrame(): Locator {
    return this.page.locator('[data-testid="frame-row"].faulting');
  }

  selectedFrame(): Locator {
    return this.page.locator('[data-testid="frame-row"].selected');
  }

  dispatchToggle(): Locator {
    return this.page.getByTestId('dispatch-toggle');
  }

  search(): Locator {
    return this.page.getByTestId('stack-search');
  }

  editor(): Locator {
    return this.page.getByTestId('frame-editor');
  }

  async annotate(fields: { note?: string; tags?: string; step?: string }): Promise<void> {
    const editor = this.editor();
    if (fields.note !== undefined) {
      await editor.getByRole('tab', { name: 'Write' }).click();
      await editor.getByLabel('Frame note').fill(fields.note);
    }
    if (fields.tags !== undefined) await editor.locator('[name="tags"]').fill(fields.tags);
    if (fields.step !== undefined) await editor.locator('[name="step"]').selectOption({ label: fields.step });
    await editor.getByTestId('frame-save').click();
  }

  bugcheck(): Locator {
    return this.page.getByTestId('stack-bugcheck');
  }

  unparsed(): Locator {
    return this.page.getByTestId('unparsed-panel');
  }
}
