/**
 * Writes a small but well-formed PE32+ driver image in memory: one section holding an import directory. Enough for
 * service, contract and E2E tests to import drivers without a compiler; the analyser's own tests use real images
 * built by mingw-w64 and Wine's binaries.
 */
export interface TinyPeSpec {
  /** module -> imported function names */
  imports: Record<string, string[]>;
  timeDateStamp?: number;
  /** Extra bytes so two specs with the same imports still hash differently. */
  salt?: string;
}

export function tinyPe(spec: TinyPeSpec): Uint8Array {
  const fileAlign = 0x200;
  const sectionRva = 0x1000;
  const sectionRaw = 0x400;
  const section = new Uint8Array(0x1000);
  const sv = new DataView(section.buffer);
  const modules = Object.entries(spec.imports);
  // Layout inside the section: descriptors, then per module INT, IAT, names.
  let cursor = (modules.length + 1) * 20;
  const strings: { at: number; text: string }[] = [];
  const place = (text: string, hint = false): number => {
    const at = cursor;
    if (hint) cursor += 2;
    for (let i = 0; i < text.length; i++) section[cursor + i] = text.charCodeAt(i);
    cursor += text.length + 1;
    cursor += cursor % 2;
    strings.push({ at, text });
    return at;
  };
  modules.forEach(([module, functions], index) => {
    const intAt = cursor;
    cursor += (functions.length + 1) * 8;
    const iatAt = cursor;
    cursor += (functions.length + 1) * 8;
    const nameAt = place(module);
    functions.forEach((fn, i) => {
      const hintAt = place(fn, true);
      sv.setUint16(hintAt, i, true);
      sv.setBigUint64(intAt + i * 8, BigInt(sectionRva + hintAt), true);
      sv.setBigUint64(iatAt + i * 8, BigInt(sectionRva + hintAt), true);
    });
    const d = index * 20;
    sv.setUint32(d, sectionRva + intAt, true);
    sv.setUint32(d + 12, sectionRva + nameAt, true);
    sv.setUint32(d + 16, sectionRva + iatAt, true);
  });
  if (spec.salt) place(spec.salt);
  const rawSize = Math.ceil(cursor / fileAlign) * fileAlign;

  const file = new Uint8Array(sectionRaw + rawSize);
  const v = new DataView(file.buffer);
  file.set([0x4d, 0x5a]);
  v.setUint32(0x3c, 0x40, true);
  file.set([0x50, 0x45, 0, 0], 0x40);
  const coff = 0x44;
  v.setUint16(coff, 0x8664, true);
  v.setUint16(coff + 2, 1, true);
  v.setUint32(coff + 4, spec.timeDateStamp ?? 0x5f000000, true);
  v.setUint16(coff + 16, 0xf0, true);
  v.setUint16(coff + 18, 0x22, true);
  const opt = coff + 20;
  v.setUint16(opt, 0x20b, true);
  v.setUint32(opt + 16, sectionRva, true); // AddressOfEntryPoint
  v.setUint32(opt + 20, sectionRva, true); // BaseOfCode
  v.setBigUint64(opt + 24, 0x140000000n, true);
  v.setUint32(opt + 32, 0x1000, true); // SectionAlignment
  v.setUint32(opt + 36, fileAlign, true);
  v.setUint16(opt + 40, 10, true); // OS version
  v.setUint16(opt + 48, 10, true); // subsystem version
  v.setUint32(opt + 56, sectionRva + 0x1000, true); // SizeOfImage
  v.setUint32(opt + 60, sectionRaw, true); // SizeOfHeaders
  v.setUint16(opt + 68, 1, true); // NATIVE
  v.setUint16(opt + 70, 0x0160, true); // HIGH_ENTROPY_VA | DYNAMIC_BASE | NX_COMPAT
  v.setBigUint64(opt + 72, 0x40000n, true);
  v.setBigUint64(opt + 80, 0x1000n, true);
  v.setBigUint64(opt + 88, 0x100000n, true);
  v.setBigUint64(opt + 96, 0x1000n, true);
  v.setUint32(opt + 108, 16, true);
  v.setUint32(opt + 112 + 8, sectionRva, true); // import directory
  v.setUint32(opt + 112 + 12, (modules.length + 1) * 20, true);
  const sh = opt + 0xf0;
  file.set([...'.idata'].map((c) => c.charCodeAt(0)), sh);
  v.setUint32(sh + 8, 0x1000, true);
  v.setUint32(sh + 12, sectionRva, true);
  v.setUint32(sh + 16, rawSize, true);
  v.setUint32(sh + 20, sectionRaw, true);
  v.setUint32(sh + 36, 0xc0000040, true);
  file.set(section.subarray(0, rawSize), sectionRaw);
  return file;
}

export function tinyPeBase64(spec: TinyPeSpec): string {
  return Buffer.from(tinyPe(spec)).toString('base64');
}
