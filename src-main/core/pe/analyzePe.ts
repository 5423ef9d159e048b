/**
 * analyzePe: one synchronous, pure pass over a PE file's bytes (no I/O, no copies of the
 * buffer), safe to run in a worker thread. It never throws: problems become `warnings`, and
 * inputs that are not usable PE images get `error` with every field that could be computed.
 */
import { PE32PLUS_MAGIC, readHeaders } from './headers';
import type { PeHeaders } from './headers';
import { dllCharacteristicNames, machineName, subsystemName } from './headerNames';
import { ImageView } from './imageView';
import { computePeChecksum } from './checksum';
import { shannonEntropy } from './entropy';
import { authentihash, hashFile } from './fileHashes';
import { computeImphash } from './imphash';
import { MAX_IMPORT_THUNKS, readDelayImportDirectory, readImportDirectory } from './importDirectories';
import type { ImportWalkContext } from './importDirectories';
import { readExportDirectory } from './exportDirectory';
import { imageSymbolKey, readCodeView } from './debugDirectory';
import { readVersionInfo } from './versionResource';
import { DEFAULT_SESSION_IMAGES, findSessionImports } from './sessionImages';
import type { AnalyzePeOptions, PeAnalysis, PeSection } from './peAnalysis';

/** Data directory indexes (PE/COFF specification, "Optional Header Data Directories"). */
const DIRECTORY = {
  export: 0,
  import: 1,
  resource: 2,
  security: 4,
  debug: 6,
  delayImport: 13,
} as const;

/** Extra entropy work allowed beyond two passes over the file (see describeSections). */
const ENTROPY_SLACK = 1 << 20;
/** Warnings kept per image; hostile tables could otherwise produce one per descriptor. */
export const MAX_WARNINGS = 200;

export function analyzePe(bytes: Uint8Array, options: AnalyzePeOptions): PeAnalysis {
  const hashes = hashFile(bytes);
  const result: PeAnalysis = {
    file: options.fileName,
    size: bytes.byteLength,
    sha256: hashes.sha256,
    sha1: hashes.sha1,
    md5: hashes.md5,
    imphash: null,
    authentihash: null,
    machine: null,
    subsystem: null,
    timeDateStamp: null,
    sizeOfImage: null,
    imageBase: null,
    entryPointRva: null,
    dllCharacteristics: [],
    checksum: { stored: null, computed: null },
    sections: [],
    imports: [],
    exports: [],
    debug: { codeView: null },
    imageKey: null,
    signature: { present: false, size: 0 },
    version: null,
    sessionImports: [],
    warnings: [],
  };
  try {
    analyzeInto(result, bytes, options);
  } catch (cause) {
    // Every reader is bounded and checked; reaching this is a bug, reported rather than thrown.
    result.error = `internal error while analysing the image: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  if (result.warnings.length > MAX_WARNINGS) {
    const dropped = result.warnings.length - MAX_WARNINGS;
    result.warnings.length = MAX_WARNINGS;
    result.warnings.push(`... and ${dropped} more warnings`);
  }
  return result;
}

function analyzeInto(result: PeAnalysis, bytes: Uint8Array, options: AnalyzePeOptions): void {
  const image = new ImageView(bytes);
  const warnings = result.warnings;
  const read = readHeaders(image, warnings);
  if (!read.ok) {
    result.error = read.error;
    if (read.fileHeader) {
      result.machine = machineName(read.fileHeader.machine);
      result.timeDateStamp = read.fileHeader.timeDateStamp;
    }
    if (read.checksumOffset !== null) result.checksum.computed = computePeChecksum(bytes, read.checksumOffset);
    return;
  }
  const headers = read.headers;
  const { fileHeader, optionalHeader } = headers;

  result.machine = machineName(fileHeader.machine);
  result.subsystem = subsystemName(optionalHeader.subsystem);
  result.timeDateStamp = fileHeader.timeDateStamp;
  result.sizeOfImage = optionalHeader.sizeOfImage;
  result.imageBase = `0x${optionalHeader.imageBase.toString(16)}`;
  result.entryPointRva = optionalHeader.addressOfEntryPoint;
  result.dllCharacteristics = dllCharacteristicNames(optionalHeader.dllCharacteristics);
  result.checksum = { stored: optionalHeader.checkSum, computed: computePeChecksum(bytes, headers.checksumOffset) };
  result.imageKey = imageSymbolKey(options.fileName, fileHeader.timeDateStamp, optionalHeader.sizeOfImage);

  image.mapSections(
    headers.sections,
    optionalHeader.fileAlignment,
    optionalHeader.sectionAlignment,
    optionalHeader.sizeOfHeaders,
  );
  result.sections = describeSections(headers, image, warnings);

  const directories = headers.dataDirectories;
  const certificate = describeCertificateTable(headers, image.size, warnings);
  // A certificate table that lies past the end of the file (a truncated copy) is not a signature the file has.
  result.signature = { present: certificate.inFile, size: certificate.inFile ? certificate.size : 0 };
  result.authentihash = authentihash(bytes, {
    checksumOffset: headers.checksumOffset,
    certificateEntryOffset: directories.length > DIRECTORY.security ? headers.dataDirectoryOffset + DIRECTORY.security * 8 : null,
    certificateStart: certificate.inFile ? certificate.offset : 0,
    certificateSize: certificate.inFile ? certificate.size : 0,
  });

  const importContext: ImportWalkContext = {
    image,
    is64: optionalHeader.magic === PE32PLUS_MAGIC,
    imageBase: optionalHeader.imageBase,
    sizeOfImage: optionalHeader.sizeOfImage,
    warnings,
    thunkBudget: { remaining: MAX_IMPORT_THUNKS, exhausted: false },
  };
  const imports = guarded('import directory', warnings, [], () =>
    readImportDirectory(importContext, directories[DIRECTORY.import]),
  );
  const delayImports = guarded('delay-import directory', warnings, [], () =>
    readDelayImportDirectory(importContext, directories[DIRECTORY.delayImport]),
  );
  result.imports = [...imports, ...delayImports];
  result.imphash = computeImphash(imports);
  result.sessionImports = findSessionImports(result.imports, options.sessionImages ?? DEFAULT_SESSION_IMAGES);

  result.exports = guarded('export directory', warnings, [], () =>
    readExportDirectory(image, directories[DIRECTORY.export], warnings),
  );
  result.debug = {
    codeView: guarded('debug directory', warnings, null, () => readCodeView(image, directories[DIRECTORY.debug], warnings)),
  };
  result.version = guarded('version resource', warnings, null, () =>
    readVersionInfo(image, directories[DIRECTORY.resource], warnings),
  );
  // Headers cut short are fatal for a loader; everything readable has still been filled in.
  if (headers.truncation !== null) result.error = headers.truncation;
}

/** One directory's walker failing unexpectedly must not cost the others. */
function guarded<T>(what: string, warnings: string[], fallback: T, walk: () => T): T {
  try {
    return walk();
  } catch (cause) {
    warnings.push(`${what}: not parsed (${cause instanceof Error ? cause.message : String(cause)})`);
    return fallback;
  }
}

function describeSections(headers: PeHeaders, image: ImageView, warnings: string[]): PeSection[] {
  const fileAlignment = headers.optionalHeader.fileAlignment;
  // Section raw ranges may overlap (65535 headers could each claim the whole file): entropy
  // work is capped at a few passes over the file, and sections past the cap report 0.
  let entropyBudget = 2 * image.size + ENTROPY_SLACK;
  let skipped = 0;
  const pastEnd: string[] = [];
  const sections = headers.sections.map((section) => {
    let entropy = 0;
    if (section.pointerToRawData !== 0 && section.sizeOfRawData !== 0) {
      // The loader reads raw data from PointerToRawData rounded down to 0x200 (pefile does too).
      const start =
        fileAlignment >= 0x200 ? section.pointerToRawData - (section.pointerToRawData % 0x200) : section.pointerToRawData;
      const end = section.pointerToRawData + section.sizeOfRawData;
      if (end > image.size) pastEnd.push(section.name);
      const length = Math.max(0, Math.min(end, image.size) - start);
      if (length > entropyBudget) {
        skipped++;
      } else {
        entropyBudget -= length;
        entropy = shannonEntropy(image.bytes, start, Math.min(end, image.size));
      }
    }
    return {
      name: section.name,
      virtualAddress: section.virtualAddress,
      virtualSize: section.virtualSize,
      rawSize: section.sizeOfRawData,
      characteristics: section.characteristics,
      entropy,
    };
  });
  if (pastEnd.length > 0) {
    const names = pastEnd.length > 5 ? `${pastEnd.slice(0, 5).join(', ')}, ...` : pastEnd.join(', ');
    warnings.push(`raw data of ${pastEnd.length} section(s) runs past the end of the file: ${names}`);
  }
  if (skipped > 0) warnings.push(`entropy not computed for ${skipped} sections whose raw data overlap too much (reported as 0)`);
  return sections;
}

interface CertificateTable {
  present: boolean;
  offset: number;
  size: number;
  inFile: boolean;
}

/** The security directory's VirtualAddress is a file offset, not an RVA (PE/COFF specification). */
function describeCertificateTable(headers: PeHeaders, fileSize: number, warnings: string[]): CertificateTable {
  const entry = headers.dataDirectories[DIRECTORY.security];
  if (!entry || entry.size === 0 || entry.virtualAddress === 0) {
    return { present: false, offset: 0, size: 0, inFile: false };
  }
  const inFile = entry.virtualAddress + entry.size <= fileSize;
  if (!inFile) {
    warnings.push(
      `certificate table (file offset 0x${entry.virtualAddress.toString(16)}, ${entry.size} bytes) extends past the end of the file`,
    );
  }
  return { present: true, offset: entry.virtualAddress, size: entry.size, inFile };
}
