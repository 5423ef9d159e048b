import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ExperimentsPage } from '../pages/ExperimentsPage';
import { screenshot, startApp, type RunningApp } from '../support/app';

let app: RunningApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app?.stop();
});

describe('Experiments in a real browser against driverlab serve', () => {
  test('a new notebook explains what to do, then an experiment is created and survives a reload', async () => {
    const page = new ExperimentsPage(app.page);
    await app.page.getByRole('heading', { name: 'No experiments yet' }).waitFor();
    await screenshot(app.page, 'experiments-empty');

    await page.startNew();
    await page.submit();
    expect(await page.editorError().textContent()).toMatch(/Give the experiment a title/);

    await page.fill({
      title: 'win32k-only driver via sc start',
      driverName: 'w32kimp.sys',
      windowsBuild: '19045',
      loadMethod: 'NtLoadDriver',
      processContext: 'SystemProcess',
      outcome: 'bugcheck',
    });
    await page.fill({ bugcheckCode: '0x7e', bugcheckParam1: '0xffffffffc0000005', tags: 'win32k, session-space', notes: 'Session + 0x58' });
    await page.submit();
    await app.page.getByRole('heading', { name: /^Experiment \d+$/ }).waitFor();
    await page.row('win32k-only driver via sc start').waitFor();
    expect(await page.row('win32k-only driver via sc start').textContent()).toMatch(/Bugcheck 0x0000007E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED/);

    await app.page.reload();
    await page.row('win32k-only driver via sc start').waitFor();
    expect(await page.rows().count()).toBe(1);
    await page.row('win32k-only driver via sc start').click();
    expect(await page.field('driverName').inputValue()).toBe('w32kimp.sys');
    expect(await page.field('bugcheckParam1').inputValue()).toBe('0xffffffffc0000005');
    expect(await page.field('tags').inputValue()).toBe('session-space, win32k');
    await screenshot(app.page, 'experiments');
  });

  test('edit, filter, delete with undo, and keyboard navigation', async () => {
    await app.page.getByRole('button', { name: /Add the demo/ }).click();
    const page = new ExperimentsPage(app.page);
    await page.rows().first().waitFor();
    expect(await page.rows().count()).toBe(5);

    await page.search('Windows 7');
    await expect.poll(() => page.rows().count()).toBe(1);
    await page.search('');
    await expect.poll(() => page.rows().count()).toBe(5);

    // The driver field knows the notebook's drivers and what their analysis predicts for the chosen load method.
    await page.row('on Windows 10 22H2').filter({ hasText: 'NtLoadDriver' }).click();
    await expect.poll(() => app.page.getByTestId('driver-hint').textContent()).toMatch(/win32k.sys: predicted bugcheck in MiSessionLookupImage/);
    await page.fill({ loadMethod: 'SystemLoadGdiDriverInformation' });
    expect(await app.page.getByTestId('driver-hint').textContent()).toMatch(/expected to load from a session process/);

    // Leaving with unsaved changes asks first: dismissing keeps the edit, accepting drops it.
    const dialogs: string[] = [];
    app.page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.row('Control: ntoskrnl-only').click();
    expect(dialogs).toEqual(['Discard the unsaved changes to this experiment?']);
    expect(await page.field('loadMethod').inputValue()).toBe('SystemLoadGdiDriverInformation');
    app.page.once('dialog', (dialog) => void dialog.accept());

    await page.row('Control: ntoskrnl-only').click();
    // A very long title must not push the Undo button out of reach.
    await page.fill({ title: `Control: ntoskrnl-only driver (renamed) ${'x'.repeat(150)}` });
    await app.page.keyboard.press('Control+s');
    await page.row('(renamed)').waitFor();

    await app.page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.rows().count()).toBe(4);
    const deletedToast = page.toast().filter({ hasText: 'Deleted “Control: ntoskrnl-only driver (renamed)' });
    const undo = deletedToast.getByRole('button', { name: 'Undo' });
    const box = await undo.boundingBox();
    expect(box && box.x + box.width <= 1360 && box.y + box.height <= 820).toBe(true);
    await deletedToast.getByRole('button', { name: 'Undo' }).click();
    await page.row('(renamed)').waitFor();
    expect(await page.rows().count()).toBe(5);

    // Keyboard: / focuses search, n opens a new experiment, arrows move through the list.
    await app.page.locator('main').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('n');
    await app.page.getByRole('heading', { name: 'New experiment' }).waitFor();
    await app.page.keyboard.press('Escape');
    await page.rows().first().focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.getByRole('heading', { name: /^Experiment \d+$/ }).waitFor();
    await screenshot(app.page, 'experiments-demo');

    // The whole keyboard loop, twice: n, type, Ctrl+S, Esc.
    for (const title of ['Keyboard one', 'Keyboard two']) {
      await app.page.keyboard.press('Escape');
      await app.page.getByRole('heading', { name: 'Select an experiment' }).waitFor();
      await app.page.keyboard.press('n');
      await app.page.getByRole('heading', { name: 'New experiment' }).waitFor();
      await app.page.keyboard.type(title);
      await app.page.keyboard.press('Control+s');
      await page.row(title).waitFor();
      await app.page.getByRole('heading', { name: /^Experiment \d+$/ }).waitFor();
    }
  });

  test('dark theme follows the OS', async () => {
    await app.stop();
    app = await startApp({ colorScheme: 'dark' });
    await app.page.getByRole('button', { name: /Add the demo/ }).click();
    await new ExperimentsPage(app.page).rows().first().click();
    const background = await app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(20, 23, 31)');
    await screenshot(app.page, 'experiments-dark');
  });
});
