import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { writeSyntheticDump, type SyntheticDriver } from '../../support/dump-writer';
import { driversFor, triageSpec } from '../../core/dumps/synthetic-scenarios';
import { DumpsPage } from '../pages/DumpsPage';
import { screenshot, startApp, type RunningApp } from '../support/app';

let app: RunningApp | null = null;
const folders: string[] = [];
afterEach(async () => {
  const running = app;
  app = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  await running?.stop();
});

const SESSION_DRIVERS: SyntheticDriver[] = [
  { path: '\\SystemRoot\\System32\\win32kbase.sys', base: 0xffff9c8a40000000n, size: 0x2c7000, timeDateStamp: 0x5f7e1b2c },
  { path: '\\SystemRoot\\System32\\win32kfull.sys', base: 0xffff9c8a40400000n, size: 0x3a0000, timeDateStamp: 0x5f7e1b2d },
  { path: '\\??\\C:\\lab\\gdidrv.sys', base: 0xffff9c8a40800000n, size: 0x9000, timeDateStamp: 0x60315a80 },
];

/** The reader tests' crash (0x1000007E in injdrv.sys) on a system with win32k and a driver loaded next to it. */
function crashDump(): Uint8Array {
  const spec = triageSpec(64, { systemTime: 134133330000000000n, systemUpTime: 37_250_000_000n });
  return writeSyntheticDump({ ...spec, triage: { ...spec.triage, drivers: [...driversFor(64), ...SESSION_DRIVERS] } }).bytes;
}

async function callApi(page: RunningApp['page'], method: string, request: unknown): Promise<unknown> {
  return page.evaluate(
    async ([m, r]) => {
      const response = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r),
      });
      return ((await response.json()) as { result: unknown }).result;
    },
    [method, request] as const,
  );
}

describe('Crash dumps in a real browser against driverlab serve', () => {
  test('an uploaded dump shows its bug check, culprit, frames and drivers; duplicates and non-dumps are handled', async () => {
    app = await startApp();
    const page = new DumpsPage(app.page);
    await page.open();
    await app.page.getByRole('heading', { name: 'No crash dumps yet' }).waitFor();
    expect(await app.page.locator('.empty-state').textContent()).toContain('C:\\Windows\\Minidump\\*.dmp');
    await screenshot(app.page, 'dumps-empty');

    const bytes = crashDump();
    await page.upload([{ name: 'Mini011926-01.dmp', bytes }]);
    await page.detail('Mini011926-01.dmp').waitFor();
    expect(await page.bugcheck().textContent()).toMatch(/0x1000007E\s*SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M/);
    expect(await page.bugcheck().textContent()).toMatch(/0xffffffffc0000005\s*Exception code that was not handled/);
    expect(await page.causedBy().textContent()).toMatch(/injdrv\.sys\+0x1772/);
    expect(await page.causedBy().textContent()).toMatch(/Decided by: first non-core module/);
    expect(await page.frames().first().textContent()).toContain('injdrv.sys+0x1772');
    expect(await page.frames().count()).toBeGreaterThan(3);
    expect(await page.drivers().count()).toBe(7);
    expect(await page.drivers().filter({ hasText: 'gdidrv.sys' }).locator('.badge.session').count()).toBe(1);
    expect(await page.drivers().filter({ hasText: 'ntoskrnl.exe' }).locator('.badge.session').count()).toBe(0);
    expect(await app.page.getByTestId('dump-facts').textContent()).toContain('Windows 10 2004–22H2 (19041)');
    expect(await page.rows().count()).toBe(1);
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'dumps');
    await app.page.getByTestId('dump-drivers').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'dumps-drivers');

    // A small window: the frames and drivers tables fit their panel or scroll inside it, no column is cut off.
    for (const size of [{ width: 1360, height: 820 }, { width: 1024, height: 700 }]) {
      await app.page.setViewportSize(size);
      for (const testId of ['dump-frames', 'dump-drivers']) {
        const table = app.page.getByTestId(testId);
        await table.scrollIntoViewIfNeeded();
        expect(await page.fitsItsPanel(table), `${testId} at ${size.width}px`).toBe(true);
      }
      await app.page.getByTestId('dump-frames').scrollIntoViewIfNeeded();
      await screenshot(app.page, `dumps-frames-${size.width}`);
      await app.page.getByTestId('dump-drivers').scrollIntoViewIfNeeded();
      await screenshot(app.page, `dumps-drivers-${size.width}`);
    }
    await app.page.setViewportSize({ width: 1360, height: 820 });

    // `/` filters the drivers of the open dump.
    await app.page.locator('body').click({ position: { x: 700, y: 10 } });
    await app.page.keyboard.press('/');
    await app.page.keyboard.type('win32k');
    await expect.poll(() => page.drivers().count()).toBe(2);

    // The same bytes under another name: no second copy.
    await page.upload([{ name: 'copy.dmp', bytes }]);
    await page.toast().filter({ hasText: 'already in the notebook' }).waitFor();
    expect(await page.rows().count()).toBe(1);

    // A text file renamed .dmp: a toast with the reason, nothing stored.
    await page.upload([{ name: 'notes.dmp', bytes: new TextEncoder().encode('not a dump\n'.repeat(200)) }]);
    const error = page.toast().filter({ hasText: 'notes.dmp' });
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Not a Windows kernel crash dump/);
    expect(await page.rows().count()).toBe(1);
    await screenshot(app.page, 'dumps-refused');

    // The stack made from the dump opens in the stacks view when this build has one.
    const openStack = app.page.getByTestId('dump-open-stack');
    if ((await openStack.count()) > 0) {
      await openStack.click();
      await app.page.waitForURL(/#\/stacks\/\d+/);
      await app.page.getByText('injdrv.sys').first().waitFor();
      await screenshot(app.page, 'dumps-stack');
    }
  });

  test('a dump typed as a path is imported, attached to an experiment, navigated by keyboard and removed', async () => {
    app = await startApp({ colorScheme: 'dark' });
    const folder = mkdtempSync(join(tmpdir(), 'driverlab-e2e-dumps-'));
    folders.push(folder);
    const path = join(folder, 'MEMORY.DMP');
    writeFileSync(path, writeSyntheticDump({ build: 22621, bugcheckCode: 0xd1, processors: 8 }).bytes);
    const experiment = (await callApi(app.page, 'experiments.create', { input: { title: 'gdidrv via GDI load' } })) as {
      id: number;
    };

    const page = new DumpsPage(app.page);
    await page.open();
    await page.upload([{ name: 'Mini011926-01.dmp', bytes: crashDump() }]);
    await page.detail('Mini011926-01.dmp').waitFor();
    await page.importPath(path);
    await page.detail('MEMORY.DMP').waitFor();
    expect(await page.bugcheck().textContent()).toMatch(/0x000000D1\s*DRIVER_IRQL_NOT_LESS_OR_EQUAL/);
    expect(await app.page.getByTestId('dump-facts').textContent()).toContain('Windows 11 22H2–23H2 (22621)');
    expect(await page.rows().count()).toBe(2);

    await app.page.getByRole('combobox', { name: 'Experiment' }).selectOption(String(experiment.id));
    await page
      .toast()
      .filter({ hasText: `Attached to experiment ${experiment.id}` })
      .waitFor();
    await page.rows().filter({ hasText: 'MEMORY.DMP' }).filter({ hasText: 'gdidrv via GDI load' }).waitFor();

    // ↓ from the selected first row opens the second.
    await page.rows().first().focus();
    await app.page.keyboard.press('ArrowDown');
    await page.detail('Mini011926-01.dmp').waitFor();
    await app.page.mouse.move(0, 0);
    await screenshot(app.page, 'dumps-dark');

    app.page.once('dialog', (dialog) => void dialog.accept());
    await app.page.getByRole('button', { name: 'Delete' }).click();
    await page.toast().filter({ hasText: 'Removed Mini011926-01.dmp' }).waitFor();
    await expect.poll(() => page.rows().count()).toBe(1);
  });
});
