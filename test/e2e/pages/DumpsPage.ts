import type { Locator, Page } from 'playwright-core';

/** The Crash dumps section: stored dumps and the import bar on the left, the open dump on the right. */
export class DumpsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Crash dumps' }).click();
    await this.page.getByRole('heading', { name: 'Crash dumps', exact: true }).waitFor();
  }

  /** Picks files through the hidden file input, as the "Open dump…" button does. */
  async upload(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await this.page
      .getByTestId('dump-file-input')
      .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) })));
  }

  async importPath(path: string): Promise<void> {
    await this.page.getByLabel('Path of a dump file').fill(path);
    await this.page.getByRole('button', { name: 'Import path' }).click();
  }

  rows(): Locator {
    return this.page.getByTestId('dump-row');
  }

  detail(fileName: string): Locator {
    return this.page.getByRole('article', { name: `Crash dump ${fileName}` });
  }

  bugcheck(): Locator {
    return this.page.getByTestId('dump-bugcheck');
  }

  causedBy(): Locator {
    return this.page.getByTestId('dump-caused-by');
  }

  frames(): Locator {
    return this.page.getByTestId('dump-frame');
  }

  drivers(): Locator {
    return this.page.getByTestId('dump-driver');
  }

  driverFilter(): Locator {
    return this.page.getByLabel('Filter drivers');
  }

  toast(): Locator {
    return this.page.getByTestId('toast');
  }

  /**
   * True when a table's last column is reachable without scrolling the whole detail pane sideways: the pane has no
   * horizontal overflow, and the table either fits its box or sits in a box that scrolls on its own, inside the pane.
   */
  async fitsItsPanel(table: Locator): Promise<boolean> {
    return table.evaluate((element) => {
      const pane = element.closest('.detail-pane');
      const box = element.parentElement;
      if (!pane || !box) return false;
      if (pane.scrollWidth > pane.clientWidth + 1) return false;
      const paneRight = pane.getBoundingClientRect().right;
      if (box.getBoundingClientRect().right > paneRight + 1) return false;
      const last = element.querySelector('thead th:last-child');
      const lastRight = last?.getBoundingClientRect().right ?? Infinity;
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
      return lastRight <= paneRight + 1 || (scrolls && box.scrollWidth > box.clientWidth);
    });
  }
}
