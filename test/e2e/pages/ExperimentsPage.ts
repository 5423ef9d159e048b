import type { Locator, Page } from 'playwright-core';

/** The Experiments section as a user sees it: a list on the left, the editor on the right. */
export class ExperimentsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Experiments', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Experiments', exact: true }).waitFor();
  }

  rows(): Locator {
    return this.page.getByTestId('experiment-row');
  }

  row(title: string): Locator {
    return this.rows().filter({ hasText: title });
  }

  field(name: string): Locator {
    return this.page.locator(`form[aria-label="Experiment"] [name="${name}"]`);
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'New experiment' }).click();
    await this.page.getByRole('heading', { name: 'New experiment' }).waitFor();
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      const field = this.field(name);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }

  async submit(): Promise<void> {
    await this.page.locator('form[aria-label="Experiment"] button[type="submit"]').click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search experiments').fill(text);
  }

  editorError(): Locator {
    return this.page.getByTestId('editor-error');
  }

  toast(): Locator {
    return this.page.getByTestId('toast');
  }
}
