import type { Locator, Page } from 'playwright-core';

/** The Drivers section: the list with its import panel, and a driver's page. */
export class DriversPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Drivers', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Drivers', exact: true }).waitFor();
  }

  /** Picks files through the hidden input behind "Add files…". */
  async uploadFiles(paths: string[]): Promise<void> {
    await this.page.getByTestId('driver-file-input').setInputFiles(paths);
  }

  /** Picks a whole folder through the `webkitdirectory` input behind "Add folder…". */
  async uploadFolder(path: string): Promise<void> {
    await this.page.getByTestId('driver-folder-input').setInputFiles(path);
  }

  summary(): Locator {
    return this.page.getByTestId('driver-import-summary');
  }

  /** One count of the import summary as a user reads it, e.g. "3 imported". */
  async summaryCount(testId: 'import-imported' | 'import-duplicates' | 'import-failed' | 'import-skipped'): Promise<string> {
    return ((await this.summary().getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  async dismissSummary(): Promise<void> {
    await this.page.getByRole('button', { name: 'Dismiss the import summary' }).click();
    await this.summary().waitFor({ state: 'detached' });
  }

  rows(): Locator {
    return this.page.getByTestId('driver-row');
  }

  row(fileName: string): Locator {
    return this.rows().filter({ has: this.page.locator('.driver-name', { hasText: fileName }) });
  }

  search(): Locator {
    return this.page.getByLabel('Search drivers');
  }

  driverPage(fileName: string): Locator {
    return this.page.getByRole('article', { name: `Driver ${fileName}` });
  }

  prediction(method: string): Locator {
    return this.page.getByTestId(`prediction-${method}`);
  }

  importModules(): Locator {
    return this.page.getByTestId('import-module');
  }

  keyRow(label: string): Locator {
    return this.page.locator(`[data-testid="driver-keys"] tr[data-key="${label}"]`);
  }

  toast(): Locator {
    return this.page.getByTestId('toast');
  }
}
