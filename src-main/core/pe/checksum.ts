/**
 * The PE image checksum (the algorithm of imagehlp's CheckSumMappedFile, as pefile's
 * `generate_checksum()` implements it): a ones'-complement sum of the file's little-endian
 * 32-bit words, skipping the word that holds the CheckSum field, a trailing partial word
 * zero-padded, folded to 16 bits, plus the file length.
 */

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_POW_32 = 0x1_0000_0000;
/** Words summed before folding: 2^20 words of at most 2^32 - 1 stay below 2^53. */
const FOLD_EVERY = 1 << 20;

/** End-around-carry fold to 32 bits (the result is 0 only for a zero sum, as in the word loop). */
function fold32(sum: number): number {
  let s = sum;
  while (s >= TWO_POW_32) s = (s % TWO_POW_32) + Math.floor(s / TWO_POW_32);
  return s;
}

type WordSource = (index: number) => number;

function sumWords(sum: number, start: number, end: number, word: WordSource | Uint32Array): number {
  let total = sum;
  for (let chunk = start; chunk < end; chunk += FOLD_EVERY) {
    const stop = Math.min(end, chunk + FOLD_EVERY);
    let partial = 0;
    if (word instanceof Uint32Array) {
      for (let i = chunk; i < stop; i++) partial += word[i];
    } else {
      for (let i = chunk; i < stop; i++) partial += word(i);
    }
    total = fold32(total + partial);
  }
  return total;
}

/** @param checksumOffset file offset of the CheckSum field (the word at floor(offset/4) is skipped). */
export function computePeChecksum(bytes: Uint8Array, checksumOffset: number): number {
  const length = bytes.byteLength;
  const wholeWords = length >>> 2;
  const skipIndex = Math.floor(checksumOffset / 4);
  let words: WordSource | Uint32Array;
  if (LITTLE_ENDIAN_HOST && bytes.byteOffset % 4 === 0) {
    words = new Uint32Array(bytes.buffer, bytes.byteOffset, wholeWords);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, length);
    words = (i: number) => view.getUint32(i * 4, true);
  }

  let sum = 0;
  if (skipIndex < wholeWords) {
    sum = sumWords(sum, 0, skipIndex, words);
    sum = sumWords(sum, skipIndex + 1, wholeWords, words);
  } else {
    sum = sumWords(sum, 0, wholeWords, words);
  }

  const tail = length & 3;
  if (tail !== 0 && skipIndex !== wholeWords) {
    let last = 0;
    for (let i = 0; i < tail; i++) last |= bytes[wholeWords * 4 + i] << (8 * i);
    sum = fold32(sum + (last >>> 0));
  }

  sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  sum = sum + Math.floor(sum / 0x10000);
  sum &= 0xffff;
  return (sum + length) >>> 0;
}
