/** How the dumps view writes numbers: the notations WinDbg and BlueScreenView users read every day. */

/** `0x1000007E`, `0x000000D1`: bug check codes padded to 8 digits as BlueScreenView and the blue screen show them. */
export function bugcheckCodeText(code: string): string {
  return `0x${BigInt(code).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `fffff804`8b581772` for 64-bit targets, `8053cf20` for 32-bit ones. */
export function addressText(hex: string, pointerSize: 4 | 8): string {
  const digits = BigInt(hex)
    .toString(16)
    .padStart(pointerSize * 2, '0');
  return pointerSize === 8 ? `${digits.slice(0, 8)}\`${digits.slice(8)}` : digits;
}

export function hexText(value: number): string {
  return `0x${value.toString(16)}`;
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
 * A TimeDateStamp as a UTC date, or null when it cannot be one: reproducible builds (Windows 10 on) store a hash of
 * the file there, which often lands decades away from the build date.
 */
export function stampDate(timeDateStamp: number, now = Date.now()): string | null {
  if (timeDateStamp < FIRST_PLAUSIBLE || timeDateStamp * 1000 > now + 366 * 86_400_000) return null;
  return new Date(timeDateStamp * 1000).toISOString().slice(0, 10);
}

export function uptimeText(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return days > 0
    ? `${days} d ${hours} h ${minutes} min`
    : hours > 0
      ? `${hours} h ${minutes} min`
      : `${minutes} min ${seconds % 60} s`;
}
