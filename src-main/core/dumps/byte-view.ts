/** Little-endian reads from a byte chunk that return null instead of throwing when out of range. */
export class ByteView {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  has(offset: number, size: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && offset + size <= this.bytes.length;
  }

  u16(offset: number): number | null {
    return this.has(offset, 2) ? this.view.getUint16(offset, true) : null;
  }

  u32(offset: number): number | null {
    return this.has(offset, 4) ? this.view.getUint32(offset, true) : null;
  }

  u64(offset: number): bigint | null {
    return this.has(offset, 8) ? this.view.getBigUint64(offset, true) : null;
  }

  /** A pointer-sized value (4 or 8 bytes) as a bigint. */
  pointer(offset: number, width: 32 | 64): bigint | null {
    if (width === 64) return this.u64(offset);
    const value = this.u32(offset);
    return value === null ? null : BigInt(value);
  }

  /** UTF-16LE text of `chars` code units, cut at the first NUL. */
  utf16(offset: number, chars: number): string | null {
    if (!this.has(offset, chars * 2)) return null;
    const text = new TextDecoder('utf-16le').decode(this.bytes.subarray(offset, offset + chars * 2));
    const nul = text.indexOf('\0');
    return nul === -1 ? text : text.slice(0, nul);
  }

  /** Printable ASCII text of at most `size` bytes, cut at the first NUL. */
  ascii(offset: number, size: number): string | null {
    if (!this.has(offset, size)) return null;
    let text = '';
    for (let i = 0; i < size; i++) {
      const c = this.bytes[offset + i];
      if (c === 0) break;
      text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
    }
    return text;
  }
}

/** `0x…` lowercase hex, no padding: how DriverLab writes every 64-bit value in JSON. */
export function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}
