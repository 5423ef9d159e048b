import { describe, expect, test, vi } from 'vitest';
import { fileToBase64 } from '../../src-renderer/composables/useFileDrop';
import { bugcheckText } from '../../src-renderer/format';

describe('bugcheckText', () => {
  test('writes every code with 8 uppercase hex digits, as the blue screen and BlueScreenView do', () => {
    expect(bugcheckText('0x7e')).toBe('0x0000007E');
    expect(bugcheckText('0x1000007e')).toBe('0x1000007E');
    expect(bugcheckText('0X0000000000000050')).toBe('0x00000050');
    expect(bugcheckText('0xdeaddead')).toBe('0xDEADDEAD');
    expect(bugcheckText('0x0')).toBe('0x00000000');
  });

  test('gives back what is not a hex code instead of inventing one', () => {
    expect(bugcheckText('')).toBe('');
    expect(bugcheckText('SYSTEM_SERVICE_EXCEPTION')).toBe('SYSTEM_SERVICE_EXCEPTION');
    expect(bugcheckText('0x')).toBe('0x');
  });
});

/** The reference encoding, byte by byte (fine for a test's few kilobytes). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

describe('fileToBase64', () => {
  test('is the base64 of the bytes, without the data: URL prefix, whatever the file type', async () => {
    // The browser encodes (natively, answering in its own task); a String.fromCharCode loop here froze the page.
    const native = vi.spyOn(FileReader.prototype, 'readAsDataURL');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 131 + 7) & 0xff);
    expect(await fileToBase64(new File([bytes], 'driver.sys'))).toBe(base64Of(bytes));
    expect(await fileToBase64(new File(['kn output\n'], 'x.log', { type: 'text/plain;charset=utf-8' }))).toBe(
      btoa('kn output\n'),
    );
    expect(native).toHaveBeenCalledTimes(2);
    native.mockRestore();
  });

  test('an empty file is an empty string', async () => {
    expect(await fileToBase64(new File([], 'empty.sys'))).toBe('');
  });
});
