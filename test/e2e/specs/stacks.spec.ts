import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { StacksPage } from '../pages/StacksPage';
import { screenshot, startApp, type RunningApp } from '../support/app';

const FIXTURES = resolve(__dirname, '../../fixtures/windbg');
/** A real 0x50 paste: !analyze -v of an unsymbolized driver, its STACK_TEXT and a kn listing. */
const PASTE = readFileSync(join(FIXTURES, 'mixed-0x50-driver-insightengineering.txt'), 'utf8');

let app: RunningApp | null = null;
afterEach(async () => {
  const running = app;
  app = null;
  await running?.stop();
});

async function seedDemo(page: RunningApp['page']): Promise<void> {
  await page.evaluate(async () => {
    const response = await fetch('/api/call/notebook.seedDemo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!response.ok) throw new Error(await response.text());
  });
}

describe('Stacks in a real browser against driverlab serve', () => {
  test('paste a real !analyze in the dialog, read the stack, annotate a frame, reload', async () => {
    app = await startApp();
    const page = new StacksPage(app.page);
    await page.open();
    await app.page.getByRole('heading', { name: 'No stacks yet' }).waitFor();
    await screenshot(app.page, 'stacks-empty');
    await seedDemo(app.page);

    // The live preview tells what was understood before anything is stored.
    await page.paste(PASTE, { experiment: '#1 win32k-only driver via sc start on Windows 10 22H2' });
    await expect.poll(() => page.preview().textContent()).toMatch(/15 frames/);
    expect(await page.preview().textContent()).toMatch(/0x00000050 PAGE_FAULT_IN_NONPAGED_AREA/);
    expect(await page.preview().textContent()).toMatch(/caused by Driver\.sys/);
    await screenshot(app.page, 'stacks-paste');
    await page.add();

    // Bug check with parameter meanings and the OS build above the frames.
    expect(await page.bugcheck().textContent()).toMatch(/0x00000050\s*PAGE_FAULT_IN_NONPAGED_AREA/);
    expect(await page.bugcheck().textContent()).toMatch(/Arg1\s*0xffffe5068d8a4000\s*Memory address referenced/i);
    expect(await app.page.getByTestId('stack-os').textContent()).toMatch(/22621\.1928/);

    // The faulting frame is highlighted and selected; the four dispatch frames above it are folded away.
    expect(await page.faultingFrame().textContent()).toMatch(/Driver\s*\+0x1d1e/);
    expect(await page.faultingFrame().getAttribute('class')).toMatch(/selected/);
    expect(await page.dispatchToggle().textContent()).toMatch(/4 exception-dispatch frames/);
    expect(await page.frames().count()).toBe(11);
    expect(await page.frame(5).getAttribute('class')).toMatch(/third-party/);
    await page.dispatchToggle().click();
    expect(await page.frames().count()).toBe(15);
    expect(await page.frame(0).textContent()).toMatch(/KeBugCheckEx/);
    await page.dispatchToggle().click();
    expect(await page.frames().count()).toBe(11);

    // Keyboard: j moves down, / searches.
    await app.page.locator('body').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('j');
    expect(await page.selectedFrame().getAttribute('data-frame')).toBe('5');
    await app.page.keyboard.press('k');
    await app.page.keyboard.press('/');
    await app.page.keyboard.type('IopLoad');
    await expect.poll(() => page.frames().count()).toBe(2);
    expect(await app.page.getByTestId('stack-matches').textContent()).toBe('2 of 15 frames');
    await app.page.keyboard.press('Escape');
    await expect.poll(() => page.frames().count()).toBe(11);

    // The lines nobody understood are kept in a collapsible panel.
    await page.unparsed().locator('summary').click();
    expect(await page.unparsed().textContent()).toMatch(/Not understood: 21 lines/);

    // Annotate the faulting frame: Markdown note, tags, loader step.
    await page.frame(4).click();
    await page.annotate({
      note: 'Writes **past the pool block** it freed',
      tags: 'culprit, use-after-free',
      step: '2. MiResolveImageReferences — Take the first module to resolve from',
    });
    await app.page.getByText('Frame saved.').waitFor();
    expect(await page.editor().locator('.markdown strong').textContent()).toBe('past the pool block');
    expect(await page.frame(4).textContent()).toMatch(/MiResolveImageReferences.*culprit.*use-after-free/);
    await app.page.mouse.move(0, 0);
    await expect.poll(() => app?.page.getByTestId('toast').count(), { timeout: 10_000 }).toBe(0);
    await screenshot(app.page, 'stacks');

    await app.page.reload();
    await page.detail().waitFor();
    await page.faultingFrame().waitFor();
    expect(await page.faultingFrame().getAttribute('class')).toMatch(/selected/);
    expect(await page.editor().locator('.markdown').textContent()).toMatch(/Writes past the pool block it freed/);
    expect(await page.editor().locator('[name="tags"]').inputValue()).toBe('culprit, use-after-free');
    expect(await page.frame(4).textContent()).toMatch(/culprit/);
    // The demo brought its own stack; the pasted one is listed too, newest first, in its experiment.
    expect(await page.rows().count()).toBe(2);
    expect(await page.rows().first().textContent()).toMatch(/PAGE_FAULT_IN_NONPAGED_AREA[\s\S]*in “win32k-only driver via sc start/);
    // The same notation as the header, the dumps and the blue screen.
    expect(await page.rows().first().locator('.badge').textContent()).toBe('0x00000050');

    // Raw columns on demand, and the dark theme.
    await app.page.keyboard.press('r');
    expect(await page.frame(4).textContent()).toMatch(/fffff90f`b6d8ef78/);
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(app.page, 'stacks-dark');

    // A .log dropped on the window opens the dialog with its text, ready to store as a file.
    await app.page.emulateMedia({ colorScheme: 'light' });
    const kv = readFileSync(join(FIXTURES, 'kv-x64-x64dbg-issue2603.txt'), 'utf8');
    await app.page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'x64dbg-kv.log', { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    }, kv);
    await page.dialog().waitFor();
    expect(await page.dialog().locator('[name="title"]').inputValue()).toBe('x64dbg-kv');
    await expect.poll(() => page.preview().textContent()).toMatch(/7 frames/);
    await page.add();
    await expect.poll(() => page.rows().count()).toBe(3);
    await expect.poll(() => page.dispatchToggle().textContent()).toMatch(/7 exception-dispatch frames/);
    expect(await app.page.getByRole('textbox', { name: 'Stack title' }).inputValue()).toBe('x64dbg-kv');

    // The experiment lists its stack.
    await app.page.getByRole('link', { name: 'Experiments', exact: true }).click();
    await app.page.getByTestId('experiment-row').filter({ hasText: 'win32k-only driver via sc start on Windows 10 22H2' }).click();
    await screenshot(app.page, 'stacks-in-experiment');
    await app.page.getByTestId('experiment-stacks').getByRole('link', { name: 'PAGE_FAULT_IN_NONPAGED_AREA in Driver.sys' }).waitFor();
  });

  test('the paste dialog asks before throwing text away and flags text it does not recognise', async () => {
    app = await startApp();
    const page = new StacksPage(app.page);
    await page.open();
    const dialogs: string[] = [];
    let answer = false;
    app.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (answer ? dialog.accept() : dialog.dismiss());
    });

    // An empty box closes without a question.
    await app.page.getByTestId('stack-new').click();
    await app.page.keyboard.press('Escape');
    await page.dialog().waitFor({ state: 'detached' });

    // Text that is neither frames nor a bug check: a clear warning, and Add becomes "Add anyway".
    await page.paste('hello world\nsee you');
    await expect.poll(() => page.preview().textContent()).toMatch(/Nothing DriverLab recognises: no frames, no bug check/);
    expect(await page.preview().textContent()).toMatch(/2 lines not understood \(kept\)/);
    expect(await app.page.getByTestId('paste-create').textContent()).toBe('Add anyway');
    await screenshot(app.page, 'stacks-paste-nothing');

    // Esc and a click beside the dialog ask first; declined, the text stays.
    await app.page.keyboard.press('Escape');
    await app.page.mouse.click(5, 5);
    expect(dialogs).toEqual(['Discard the pasted text?', 'Discard the pasted text?']);
    expect(await page.dialog().getByLabel('Debugger output').inputValue()).toBe('hello world\nsee you');

    // Stored anyway when asked to, lines kept; then a confirmed Esc throws a new paste away.
    await page.add();
    await page.unparsed().locator('summary').click();
    expect(await page.unparsed().textContent()).toMatch(/Not understood: 2 lines/);
    await page.paste('0: kd> k');
    answer = true;
    await app.page.keyboard.press('Escape');
    await page.dialog().waitFor({ state: 'detached' });
    expect(dialogs).toHaveLength(3);
    expect(await page.rows().count()).toBe(1);
  });
});
