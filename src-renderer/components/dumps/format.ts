/** How the dumps view writes numbers: the notations WinDbg and BlueScreenView users read every day. */

/** `fffff804`8b581772` for 64-bit targets, `8053cf20` for 32-bit ones. */
export function addressText(hex: string, pointerSize: 4 | 8): string {
  const digits = BigInt(hex)
    .toString(16)
    .padStart(pointerSize * 2, '0');
  return pointerSize === 8 ? `${digits.slice(0, 8)}\`${digits.slice(8)}` : digits;
}

export { bugcheckText as bugcheckCodeText, bytesText, hex as hexText, stampDate } from '../../format';

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
