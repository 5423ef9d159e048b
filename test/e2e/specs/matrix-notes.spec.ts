import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ExperimentsPage } from '../pages/ExperimentsPage';
import { screenshot, startApp, type RunningApp } from '../support/app';

let app: RunningApp;
beforeEach(async () => {
  app = await startApp();
  await app.page.getByRole('button', { name: /Add the demo/ }).click();
  await new ExperimentsPage(app.page).rows().first().waitFor();
});
afterEach(async () => {
  await app?.stop();
});

describe('Matrix and notes', () => {
  test('the matrix shows where each build stopped, and follows observations recorded in an experiment', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+5');
    await page.getByRole('heading', { name: 'Outcome matrix' }).waitFor();
    const kebugcheckRow = page.locator('table.matrix tbody tr', { hasText: 'KeBugCheckEx' });
    // The table fills in once the matrix has loaded.
    await expect.poll(() => kebugcheckRow.locator('td.cell-failed').count()).toBe(1);
    // Predictions from the drivers' analysis sit beside the observed outcomes; 24H2 did not do what was predicted.
    expect(await page.getByTestId('matrix-prediction').filter({ hasText: '≠ predicted bugcheck' }).count()).toBe(1);
    expect(await page.getByTestId('matrix-prediction').filter({ hasText: 'as predicted' }).count()).toBe(3);
    await screenshot(page, 'matrix');

    // Record on the Windows 7 experiment that it failed at the last step.
    const experiments = new ExperimentsPage(page);
    await page.getByRole('link', { name: 'Experiments', exact: true }).click();
    await experiments.row('Windows 7 SP1').click();
    await page.getByRole('radiogroup', { name: 'KeBugCheckEx' }).getByRole('radio', { name: '✕' }).click();
    await expect.poll(() => page.getByRole('radiogroup', { name: 'KeBugCheckEx' }).getByRole('radio', { checked: true }).textContent()).toMatch('✕');
    await page.getByRole('link', { name: 'Matrix' }).click();
    await expect.poll(() => kebugcheckRow.locator('td.cell-failed').count()).toBe(2);

    await page.getByLabel('Load method').selectOption('SystemLoadGdiDriverInformation');
    await expect.poll(() => kebugcheckRow.locator('td.cell-failed').count()).toBe(0);
  });

  test('notes are written in Markdown, previewed sanitised and kept', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Notes' }).click();
    await page.getByTestId('note-row').first().waitFor();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.locator('form[aria-label="Note"] [name="title"]').fill('Next steps');
    await page.locator('form[aria-label="Note"] [name="body"]').fill('1. Compare `MiSessionLookupImage`\n2. <img src=x onerror="document.title=\'pwned\'">');
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByTestId('markdown').locator('code', { hasText: 'MiSessionLookupImage' }).waitFor();
    await page.getByRole('button', { name: 'Create note' }).click();
    await page.getByTestId('note-row').filter({ hasText: 'Next steps' }).waitFor();
    await page.reload();
    await page.getByTestId('note-row').filter({ hasText: 'Next steps' }).click();
    await page.getByTestId('markdown').locator('code', { hasText: 'MiSessionLookupImage' }).waitFor();
    expect(await page.title()).toBe('DriverLab');
    await screenshot(page, 'notes');
  });
});
