import { createHash } from 'node:crypto';

export interface FileHashes {
  md5: string;
  sha1: string;
  sha256: string;
}

/** One pass per algorithm over the caller's bytes (node:crypto reads the view, no copy). */
export function hashFile(bytes: Uint8Array): FileHashes {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export interface AuthenticodeLayout {
  /** File offset of the OptionalHeader CheckSum field (4 bytes). */
  checksumOffset: number;
  /** File offset of the certificate-table data directory entry (8 bytes), or null if absent. */
  certificateEntryOffset: number | null;
  /** The certificate table as a file range (the security directory holds a file offset). */
  certificateStart: number;
  certificateSize: number;
}

/**
 * The Authenticode image digest (SHA-256): everything except the CheckSum field, the
 * certificate-table directory entry and the certificate table itself ("Windows Authenticode
 * Portable Executable Signature Format", section "Calculating the PE Image Hash"). For images
 * whose sections are laid out in file order, as linkers write them, hashing the file in order
 * with those holes is the same as the specification's header-then-sections walk.
 */
export function authentihash(bytes: Uint8Array, layout: AuthenticodeLayout): string {
  const size = bytes.byteLength;
  const holes: Array<[number, number]> = [[layout.checksumOffset, 4]];
  if (layout.certificateEntryOffset !== null) holes.push([layout.certificateEntryOffset, 8]);
  if (layout.certificateSize > 0 && layout.certificateStart > 0) {
    holes.push([layout.certificateStart, layout.certificateSize]);
  }
  holes.sort((a, b) => a[0] - b[0]);

  const hash = createHash('sha256');
  let cursor = 0;
  for (const [start, length] of holes) {
    const from = Math.min(Math.max(start, cursor), size);
    if (from > cursor) hash.update(bytes.subarray(cursor, from));
    cursor = Math.max(cursor, Math.min(size, start + length));
  }
  if (cursor < size) hash.update(bytes.subarray(cursor));
  return hash.digest('hex');
}
