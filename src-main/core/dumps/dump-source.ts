import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Random access to a dump's bytes. MEMORY.DMP files can be many gigabytes, so the reader
 * never asks for the whole file: it reads the header and the sections the header points to.
 */
export interface DumpSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Name to report as the dump's `file` (a path or a label); optional. */
  readonly name?: string;
  /**
   * Up to `length` bytes starting at `offset`. Returns fewer bytes (possibly none) past the end;
   * never throws for offsets beyond the end.
   */
  read(offset: number, length: number): Uint8Array;
}

/** A DumpSource over a file that owns an open descriptor; call close() when done. */
export interface FileDumpSource extends DumpSource {
  close(): void;
}

/** Bytes already in memory (tests, drag-and-drop uploads). */
export function bytesSource(bytes: Uint8Array, name?: string): DumpSource {
  return {
    size: bytes.length,
    name,
    read(offset, length) {
      if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bytes.length || length <= 0) return new Uint8Array(0);
      return bytes.subarray(offset, Math.min(bytes.length, offset + length));
    },
  };
}

/** Opens `path` for positional reads (fs.readSync), so only the parts we need are read. */
export function fileSource(path: string): FileDumpSource {
  const fd = openSync(path, 'r');
  let closed = false;
  try {
    const size = fstatSync(fd).size;
    return {
      size,
      name: path,
      read(offset, length) {
        if (closed) throw new Error(`dump file already closed: ${path}`);
        if (!Number.isSafeInteger(offset) || offset < 0 || offset >= size || length <= 0) return new Uint8Array(0);
        const wanted = Math.min(length, size - offset);
        const buffer = new Uint8Array(wanted);
        let done = 0;
        while (done < wanted) {
          const n = readSync(fd, buffer, done, wanted - done, offset + done);
          if (n === 0) break;
          done += n;
        }
        return done === wanted ? buffer : buffer.subarray(0, done);
      },
      close() {
        if (!closed) {
          closed = true;
          closeSync(fd);
        }
      },
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
