import { BUGCHECK_NAMES } from './bugcheck-names';
import { BUGCHECK_PARAMETERS } from './bugcheck-parameters';

/**
 * Bug check codes: names, parameter meanings and the one way DriverLab writes them.
 * Names come from Microsoft Learn's "Bug check code reference" and the SDK's bugcodes.h
 * (see bugcheck-names.ts); parameter meanings from the per-code Learn pages.
 */

/** Bit that marks the `_M` variant of a bug check (e.g. 0x1000007E); see DOMAIN.md, BlueScreenView. */
const M_VARIANT_BIT = 0x10000000n;

/** Documented meaning of one bug check code. All values are JSON-safe. */
export interface BugcheckInfo {
  /** The code as formatBugcheckCode writes it, e.g. `0x1000007e`. */
  code: string;
  /** Symbolic name, e.g. `SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M`; null when the code is not in the table. */
  name: string | null;
  /** Meaning of parameters 1..4; null where undocumented or reserved. */
  params: [string | null, string | null, string | null, string | null];
  /** One-sentence description, when documented. */
  summary?: string;
}

/** Bug check codes are ULONGs; anything wider is not a code we can name. */
function toUlong(code: bigint): number | null {
  if (code < 0n || code > 0xffffffffn) return null;
  return Number(code);
}

/** The base code of an `_M` variant, or null when `code` is not one (exact table entries win first). */
function mVariantBase(code: bigint): bigint | null {
  // Only 0x1xxxxxxx codes: 0xDEADDEAD and 0xC000021A also have bit 28 patterns that are not _M.
  return (code & 0xf0000000n) === M_VARIANT_BIT ? code & ~M_VARIANT_BIT : null;
}

/**
 * Symbolic name of a bug check code, or null when unknown.
 * Codes with 0x10000000 set are the `_M` variants of the base code:
 * 0x1000007E → `SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M`.
 */
export function bugcheckName(code: bigint): string | null {
  const ulong = toUlong(code);
  if (ulong === null) return null;
  const exact = BUGCHECK_NAMES.get(ulong);
  if (exact !== undefined) return exact;
  const base = mVariantBase(code);
  if (base === null) return null;
  const baseName = BUGCHECK_NAMES.get(Number(base));
  return baseName === undefined ? null : `${baseName}_M`;
}

/**
 * How DriverLab writes a bug check code everywhere (JSON, UI, CLI): lowercase hex with a `0x`
 * prefix and no zero padding, like every other number in our JSON (`0x1000007e`, `0xd1`).
 * BlueScreenView pads to 8 digits (`0x1000007e`, `0x000000d1`); padding is a display choice left
 * to the UI. Negative values never occur in dumps; they are written as their ULONG bit pattern.
 */
export function formatBugcheckCode(code: bigint): string {
  return `0x${(code < 0n ? BigInt.asUintN(32, code) : code).toString(16)}`;
}

/** Name, parameter meanings and summary of a bug check code (`_M` variants share their base's docs). */
export function bugcheckInfo(code: bigint): BugcheckInfo {
  const name = bugcheckName(code);
  const ulong = toUlong(code);
  const base = mVariantBase(code);
  const doc =
    (ulong === null ? undefined : BUGCHECK_PARAMETERS.get(ulong)) ??
    (base === null ? undefined : BUGCHECK_PARAMETERS.get(Number(base)));
  const info: BugcheckInfo = {
    code: formatBugcheckCode(code),
    name,
    params: doc ? [...doc.params] : [null, null, null, null],
  };
  if (doc) info.summary = doc.summary;
  return info;
}

/** Parses `0x7E`, `7e`, `0x000000D1`, `1000007e` (always hexadecimal, as WinDbg and BlueScreenView print codes). */
export function parseBugcheckCode(text: string): bigint | null {
  const match = /^\s*(?:0x)?([0-9a-f`]{1,17})\s*$/i.exec(text);
  if (!match) return null;
  const value = BigInt(`0x${match[1].replace(/`/g, '')}`);
  return value <= 0xffffffffn ? value : null;
}
