/** Largest dropped file read as a stack (the contract refuses more than 16 MB of text anyway). */
export const MAX_DROPPED_BYTES = 32 * 1024 * 1024;

/** Extensions taken as debugger output when dropped on the Stacks section. */
export function isStackFile(name: string): boolean {
  return /\.(txt|log)$/i.test(name);
}

/** The text of a dropped file: WinDbg's `.logopen /u` writes UTF-16LE with a BOM; everything else is read as UTF-8. */
export async function readTextFile(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, MAX_DROPPED_BYTES).arrayBuffer());
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}
