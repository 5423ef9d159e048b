/**
 * Shannon entropy (bits per byte, 0..8) of a byte range, as pefile's `entropy_H`.
 * Four interleaved histograms let consecutive equal bytes (long zero runs are common in
 * PE sections) increment different counters instead of waiting on the same one.
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
  const unrolledEnd = from + (length & ~3);
  for (; i < unrolledEnd; i += 4) {
    h[bytes[i]]++;
    h[256 + bytes[i + 1]]++;
    h[512 + bytes[i + 2]]++;
    h[768 + bytes[i + 3]]++;
  }
  for (; i < to; i++) h[bytes[i]]++;

  let entropy = 0;
  for (let value = 0; value < 256; value++) {
    const count = h[value] + h[256 + value] + h[512 + value] + h[768 + value];
    if (count === 0) continue;
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
