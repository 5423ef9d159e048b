/**
 * Address/number normalisation shared by every WinDbg row parser: one place decides what a
 * `0x…` value looks like (see the number convention in `types.ts`).
 */

const HEX_BODY = /^[0-9a-f]+$/;

/**
 * Turns a WinDbg hex token (``fffff805`3903f405``, `0x8a`, `0000000000000002`, `FFFFE5068D8A4000`)
 * into the canonical lowercase `0x…` string without leading zeros. Returns null when the token is
 * not hex (e.g. the `--------`--------` placeholder of inline frames).
 */
export function normalizeHex(token: string): string | null {
  let body = token.trim().toLowerCase().replace(/`/g, '');
  if (body.startsWith('0x')) body = body.slice(2);
  if (body.length === 0 || body.length > 16 || !HEX_BODY.test(body)) return null;
  body = body.replace(/^0+/, '');
  return `0x${body === '' ? '0' : body}`;
}

/** Parses a canonical `0x…` string to bigint (null on junk). */
export function hexToBigInt(hex: string | null | undefined): bigint | null {
  if (hex === null || hex === undefined) return null;
  const n = normalizeHex(hex);
  return n === null ? null : BigInt(n);
}

/** Canonical `0x…` for a bigint. */
export function bigIntToHex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/**
 * An address column token as WinDbg prints it: 8 hex digits (x86), 16 digits, or two 8-digit halves
 * split by a backtick (x64). Deliberately excludes `0x` forms, which WinDbg uses for call sites.
 */
export const ADDRESS_TOKEN = /^(?:[0-9a-fA-F]{8}`[0-9a-fA-F]{8}|[0-9a-fA-F]{16}|[0-9a-fA-F]{8})$/;

/** The inline-frame placeholder ``--------`--------`` (also 8 dashes on x86). */
export const PLACEHOLDER_TOKEN = /^-{8}(?:`-{8})?$/;
