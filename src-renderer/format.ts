/** Number and date notations shared by every section: hex the way dumpbin and WinDbg print it, sizes, PE timestamps. */

/** `0x1c0000000`; `digits` pads (8 for 32-bit fields, as dumpbin prints them). */
export function hex(value: number, digits = 0): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/**
 * `0x0000007E`, `0x1000007E`: the one way the UI writes a bug check code, 8 uppercase hex digits as the blue screen and
 * BlueScreenView print it. Accepts the contract's `0x7e` / `0x1000007e` strings; anything that is not hex comes back as is.
 */
export function bugcheckText(code: string): string {
  const digits = code.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,16}$/i.test(digits)) return code;
  return `0x${digits.replace(/^0+(?=.)/, '').toUpperCase().padStart(8, '0')}`;
}

export function bytesText(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const FIRST_PLAUSIBLE = Date.UTC(1990, 0, 1) / 1000;

/**
 * A TimeDateStamp as an ISO date-time, or null when it cannot be one: reproducible builds (Windows 10 on) store a hash
 * of the file there, which often lands decades away from the build date.
 */
function stampIso(timeDateStamp: number, now: number): string | null {
  if (timeDateStamp < FIRST_PLAUSIBLE || timeDateStamp * 1000 > now + 366 * 86_400_000) return null;
  return new Date(timeDateStamp * 1000).toISOString();
}

/** `2021-02-20 18:52:48 UTC`, or null for a timestamp that is not a date. */
export function stampUtc(timeDateStamp: number, now = Date.now()): string | null {
  const iso = stampIso(timeDateStamp, now);
  return iso && `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

/** `2021-02-20`, or null for a timestamp that is not a date. */
export function stampDate(timeDateStamp: number, now = Date.now()): string | null {
  return stampIso(timeDateStamp, now)?.slice(0, 10) ?? null;
}
