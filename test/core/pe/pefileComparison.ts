/**
 * Puts an analyzePe result and a pefile dump side by side in one shape, so a test can
 * `expect(ours).toEqual(theirs)` and get a readable diff.
 */
import { expect } from 'vitest';
import type { PeAnalysis } from '../../../src-main/core/pe/index';
import type { PefileDump } from './peTestTools';

function sortExports<T extends { ordinal: number; name: string | null }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.ordinal - b.ordinal || String(a.name).localeCompare(String(b.name)));
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

export function expectSameAsPefile(ours: PeAnalysis, theirs: PefileDump): void {
  expect(theirs.error, 'pefile could not parse the file').toBeUndefined();
  expect(ours.error).toBeUndefined();

  expect({
    machine: ours.machine,
    subsystem: ours.subsystem,
    timeDateStamp: ours.timeDateStamp,
    sizeOfImage: ours.sizeOfImage,
    imageBase: ours.imageBase,
    entryPointRva: ours.entryPointRva,
    // Reserved bits have no pefile name (Wine's builtin DLLs set 0x0010).
    dllCharacteristics: ours.dllCharacteristics.filter((name) => !name.startsWith('UNKNOWN_')),
    checksum: ours.checksum,
    imphash: ours.imphash,
  }).toEqual({
    machine: theirs.machine,
    subsystem: theirs.subsystem,
    timeDateStamp: theirs.timeDateStamp,
    sizeOfImage: theirs.sizeOfImage,
    imageBase: theirs.imageBase,
    entryPointRva: theirs.entryPointRva,
    dllCharacteristics: theirs.dllCharacteristics,
    checksum: { stored: theirs.checksumStored, computed: theirs.checksumComputed },
    imphash: theirs.imphash === '' ? null : theirs.imphash,
  });

  // pefile keeps "/4"-style long names unresolved; analyzePe resolves them (checked against objdump).
  const sectionFields = (s: {
    name: string;
    virtualAddress: number;
    virtualSize: number;
    rawSize: number;
    characteristics: number;
  }) => ({
    name: s.name,
    virtualAddress: s.virtualAddress,
    virtualSize: s.virtualSize,
    rawSize: s.rawSize,
    characteristics: s.characteristics,
  });
  expect(ours.sections.map(sectionFields)).toEqual(
    theirs.sections.map((s, i) =>
      sectionFields({ ...s, name: s.name.startsWith('/') ? (ours.sections[i]?.name ?? s.name) : s.name }),
    ),
  );
  theirs.sections.forEach((section, i) => expect(ours.sections[i].entropy).toBeCloseTo(section.entropy, 9));

  expect(ours.imports).toEqual(
    theirs.imports.map((module) => ({
      module: module.module,
      delayLoad: module.delayLoad,
      functions: module.functions.map((fn) => (fn.byOrdinal ? { ordinal: fn.ordinal } : { name: fn.name, hint: fn.hint })),
    })),
  );

  expect(sortExports(ours.exports)).toEqual(
    sortExports(
      theirs.exports.map((e) => ({
        name: e.name,
        ordinal: e.ordinal,
        rva: e.forwarder === null ? e.rva : null,
        forwarder: e.forwarder,
      })),
    ),
  );

  if (theirs.codeView === null) {
    expect(ours.debug.codeView).toBeNull();
  } else {
    const cv = theirs.codeView;
    expect(ours.debug.codeView).toMatchObject({
      guid: hex(cv.data1, 8) + hex(cv.data2, 4) + hex(cv.data3, 4) + cv.data4.toUpperCase(),
      age: cv.age,
      pdbPath: cv.pdbPath,
    });
  }

  if (theirs.version === null) {
    expect(ours.version).toBeNull();
  } else {
    const { fileVersionMS: ms, fileVersionLS: ls, strings } = theirs.version;
    expect(ours.version).toMatchObject({
      fixedFileVersion: `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`,
      fileVersion: strings.FileVersion ?? null,
      companyName: strings.CompanyName ?? null,
      productName: strings.ProductName ?? null,
      originalFilename: strings.OriginalFilename ?? null,
    });
  }
}
