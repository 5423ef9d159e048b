import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { tinyPe, type TinyPeSpec } from '../../support/tiny-pe';
import { DriversPage } from '../pages/DriversPage';
import { screenshot, startApp, type RunningApp } from '../support/app';

let app: RunningApp | null = null;
const folders: string[] = [];
afterEach(async () => {
  const running = app;
  app = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  await running?.stop();
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'driverlab-e2e-drivers-'));
  folders.push(folder);
  return folder;
}

function writeDriver(folder: string, name: string, spec: TinyPeSpec): { path: string; sha256: string } {
  const bytes = tinyPe(spec);
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const GDI_DRIVER: TinyPeSpec = {
  imports: { 'ntoskrnl.exe': ['DbgPrint', 'IoCreateDevice'], 'win32k.sys': ['EngCreateBitmap'] },
  timeDateStamp: 0x60315a80,
};

describe('Drivers in a real browser against driverlab serve', () => {
  test('uploaded drivers are listed with their session badge; the driver page predicts the bugcheck; duplicates and bad files are reported', async () => {
    app = await startApp();
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    const page = new DriversPage(app.page);
    await page.open();
    await app.page.getByRole('heading', { name: 'No drivers yet' }).waitFor();
    expect(await app.page.locator('.empty-state').textContent()).toContain('driverlab import PATH');
    await screenshot(app.page, 'drivers-empty');

    const folder = tempFolder();
    const gdi = writeDriver(folder, 'gdidrv.sys', GDI_DRIVER);
    const plain = writeDriver(folder, 'ntonly.sys', {
      imports: { 'ntoskrnl.exe': ['DbgPrint', 'KeBugCheckEx'], 'HAL.dll': ['KeStallExecutionProcessor'] },
    });
    const kbase = writeDriver(folder, 'basedrv.sys', {
      imports: { 'win32kbase.sys': ['W32GetSessionState'] },
      timeDateStamp: 0xf2a3b4c5,
    });
    await page.uploadFiles([gdi.path, plain.path, kbase.path]);
    await page.summary().waitFor();
    expect(await page.summaryCount('import-imported')).toBe('3 imported');
    expect(await page.summaryCount('import-failed')).toBe('0 failed');
    await expect.poll(() => page.rows().count()).toBe(3);
    expect(await page.row('gdidrv.sys').getByTestId('session-badge').textContent()).toBe('win32k.sys');
    expect(await page.row('basedrv.sys').getByTestId('session-badge').textContent()).toBe('win32kbase.sys');
    expect(await page.row('ntonly.sys').getByTestId('session-badge').count()).toBe(0);
    expect(await page.row('ntonly.sys').locator('td').nth(5).textContent()).toBe('3');
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'drivers-list');

    // Sorting by imports, the session filter and a search by imported function.
    const firstName = async () => (await page.rows().first().locator('.driver-name').textContent())?.trim();
    await app.page.getByRole('button', { name: /^Imports/ }).click();
    await expect.poll(async () => (await page.rows().last().locator('.driver-name').textContent())?.trim()).toBe('basedrv.sys');
    await app.page.getByRole('button', { name: /^Imports/ }).click();
    await expect.poll(firstName).toBe('basedrv.sys');
    await app.page.getByRole('button', { name: /^Driver/ }).click();
    await expect.poll(firstName).toBe('basedrv.sys');
    await app.page.getByLabel('Session imports only').check();
    await expect.poll(() => page.rows().count()).toBe(2);
    await app.page.getByLabel('Session imports only').uncheck();
    await page.search().fill('EngCreateBitmap');
    await expect.poll(() => page.rows().count()).toBe(1);
    await page.search().fill('');
    await expect.poll(() => page.rows().count()).toBe(3);

    // Keyboard: / searches, ↓ moves into the list, Enter opens the driver.
    await app.page.getByRole('heading', { name: 'Drivers', exact: true }).click();
    await app.page.keyboard.press('/');
    await app.page.keyboard.type('gdidrv');
    await expect.poll(() => page.rows().count()).toBe(1);
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    const driverPage = page.driverPage('gdidrv.sys');
    await driverPage.waitFor();
    const nt = page.prediction('NtLoadDriver');
    expect(await nt.textContent()).toContain('predicted bugcheck');
    expect(await nt.locator('.loader-steps li').count()).toBe(8);
    expect(await nt.locator('.loader-steps li').nth(4).textContent()).toContain('MiSessionLookupImage');
    expect(await page.prediction('SystemLoadGdiDriverInformation').textContent()).toContain('expected to load');
    expect(await page.importModules().first().getAttribute('data-module')).toBe('win32k.sys');
    expect(await page.importModules().first().getAttribute('class')).toContain('session');
    expect(await page.importModules().nth(1).getAttribute('class')).not.toContain('session');
    expect(await page.keyRow('SHA-256').locator('td').first().textContent()).toBe(gdi.sha256);

    await page.keyRow('SHA-256').getByRole('button', { name: 'Copy SHA-256' }).click();
    await page.keyRow('SHA-256').getByRole('button', { name: 'Copy SHA-256' }).filter({ hasText: 'Copied' }).waitFor();
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(gdi.sha256);
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'drivers-page');
    await app.page.getByTestId('driver-imports').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'drivers-page-imports');

    // `/` filters the imports of the open driver; Esc clears and leaves the filter, the next Esc goes back to the list.
    await app.page.locator('h1').click();
    const modules = await page.importModules().count();
    await app.page.keyboard.press('/');
    await app.page.keyboard.type('Bitmap');
    await expect.poll(() => page.importModules().count()).toBe(1);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => page.importModules().count()).toBe(modules);
    expect(await app.page.getByLabel('Filter imports').inputValue()).toBe('');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null)).not.toBe('Filter imports');
    expect(app.page.url()).toMatch(/#\/drivers\/\d+$/);
    await app.page.keyboard.press('Escape');
    await app.page.getByRole('heading', { name: 'Drivers', exact: true }).waitFor();
    await page.search().fill('');
    await expect.poll(() => page.rows().count()).toBe(3);

    // The same bytes again: reported as already in the notebook, not as an error.
    await page.uploadFiles([gdi.path]);
    await page.summary().getByTestId('import-duplicates').filter({ hasText: '1 already in the notebook' }).waitFor();
    expect(await page.summaryCount('import-imported')).toBe('0 imported');
    expect(await page.summaryCount('import-failed')).toBe('0 failed');

    // A text file named .sys: listed as failed with its reason; nothing stored.
    const bad = join(folder, 'notes.sys');
    writeFileSync(bad, 'not a driver\n'.repeat(50));
    await page.uploadFiles([bad]);
    await page.summary().getByTestId('import-failed').filter({ hasText: '1 failed' }).waitFor();
    const failure = page.summary().getByTestId('import-failure');
    expect(await failure.locator('td').first().textContent()).toBe('notes.sys');
    expect((await failure.locator('td').nth(1).textContent())?.length).toBeGreaterThan(5);
    expect(await page.rows().count()).toBe(3);
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'drivers-import-failed');
  });

  test('a folder imports in batches with progress, skipping non-PE files; session images are edited; a driver is deleted after confirming', async () => {
    app = await startApp({ colorScheme: 'dark' });
    const page = new DriversPage(app.page);
    await page.open();

    const folder = join(tempFolder(), 'drivers');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    for (let i = 0; i < 24; i++)
      writeDriver(folder, `drv${String(i).padStart(2, '0')}.sys`, { imports: { 'ntoskrnl.exe': ['DbgPrint'] }, salt: `drv${i}` });
    writeDriver(join(folder, 'sub'), 'gdidrv.sys', GDI_DRIVER);
    writeDriver(join(folder, 'sub'), 'tsdrv.sys', { imports: { 'tsddd.dll': ['DrvEnableDriver'] } });
    writeFileSync(join(folder, 'readme.txt'), 'drivers copied from a test VM\n');
    writeFileSync(join(folder, 'acpi.inf'), '[Version]\nSignature="$WINDOWS NT$"\n');
    // Hold the second batch on its way to the server, to see the progress the first one left.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    await app.page.route('**/api/call/drivers.importUploads', async (route) => {
      if (++batches === 2) await held;
      await route.continue();
    });
    await page.uploadFolder(folder);
    const progress = app.page.getByTestId('driver-import-progress');
    await progress.filter({ hasText: '20 / 26 files' }).waitFor();
    expect(await progress.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    await screenshot(app.page, 'drivers-importing-dark');
    release();
    await page.summary().waitFor();
    expect(batches).toBe(2);
    expect(await page.summaryCount('import-imported')).toBe('26 imported');
    expect(await page.summaryCount('import-skipped')).toBe('2 non-PE files skipped');
    await expect.poll(() => page.rows().count()).toBe(26);

    // tsddd.dll is a session image on older systems: add it and the driver is flagged.
    expect(await page.row('tsdrv.sys').getByTestId('session-badge').count()).toBe(0);
    await app.page.getByRole('button', { name: 'Session images…' }).click();
    const editor = app.page.getByTestId('session-images');
    await editor.getByLabel('Add a session image').fill('tsddd.dll');
    await editor.getByRole('button', { name: 'Add' }).click();
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'drivers-session-images-dark');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.row('tsdrv.sys').getByTestId('session-badge').filter({ hasText: 'tsddd.dll' }).waitFor();
    await app.page.getByLabel('Session imports only').check();
    await expect.poll(() => page.rows().count()).toBe(2);
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'drivers-list-dark');

    await page.row('gdidrv.sys').click();
    await page.driverPage('gdidrv.sys').waitFor();
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'drivers-page-dark');

    await app.page.getByRole('button', { name: 'Delete' }).click();
    await app.page.getByRole('alertdialog').getByRole('button', { name: 'Remove driver' }).click();
    await page.toast().filter({ hasText: 'Removed gdidrv.sys' }).waitFor();
    await app.page.getByRole('heading', { name: 'Drivers', exact: true }).waitFor();
    await expect.poll(() => page.rows().count()).toBe(1);
    expect(await page.row('tsdrv.sys').count()).toBe(1);
  });
});
