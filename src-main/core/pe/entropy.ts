/**
 * Shannon entropy (bits per byte, 0..8) of a byte range, as pefile's `entropy_H`.
 * The histogram is filled a 32-bit word at a time into four interleaved tables, so that
 * runs of equal bytes (long zero runs are common in PE sections) increment different
 * counters instead of waiting on the same one; byte order does not matter since the four
 * tables are summed.
 */

const histograms = new Uint32Array(256 * 4);

export function shannonEntropy(bytes: Uint8Array, start: number, end: number): number {
  const from = Math.max(0, start);
  const to = Math.min(bytes.byteLength, end);
  const length = to - from;
  if (length <= 0) return 0;
  const h = histograms;
  h.fill(0);

  let i = from;
  while (i < to && ((bytes.byteOffset + i) & 3) !== 0) h[bytes[i++]]++;
  const wordCount = (to - i) >>> 2;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, wordCount);
  for (let k = 0; k < wordCount; k++) {
    const v = words[k];
    h[v & 0xff]++;
    h[256 + ((v >>> 8) & 0xff)]++;
    h[512 + ((v >>> 16) & 0xff)]++;
    h[768 + (v >>> 24)]++;
  }
  for (i += wordCount * 4; i < to; i++) h[bytes[i]]++;

  let entropy = 0;
  for (let value = 0; value < 256; value++) {
    const count = h[value] + h[256 + value] + h[512 + value] + h[768 + value];
    if (count === 0) continue;
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
