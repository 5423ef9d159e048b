/**
 * The export directory (IMAGE_EXPORT_DIRECTORY): named exports, ordinal-only exports and
 * forwarders (an address-table RVA that points back inside the export directory names
 * `module.function` instead of code).
 */
import type { DataDirectory } from './headers';
import type { ImageView } from './imageView';
import type { PeExport } from './peAnalysis';

/** Ordinals are 16-bit, so no real table has more entries than this. */
export const MAX_EXPORTS = 65_535;
const EXPORT_DIRECTORY_SIZE = 40;
const MAX_EXPORT_NAME_LENGTH = 0x1000;

export function readExportDirectory(image: ImageView, directory: DataDirectory | undefined, warnings: string[]): PeExport[] {
  if (!directory || directory.virtualAddress === 0) return [];
  const at = image.rvaToOffset(directory.virtualAddress, EXPORT_DIRECTORY_SIZE);
  if (at === null) {
    warnings.push(`export directory at RVA 0x${directory.virtualAddress.toString(16)} is outside the file`);
    return [];
  }
  const base = image.u32(at + 16) ?? 0;
  let functionCount = image.u32(at + 20) ?? 0;
  let nameCount = image.u32(at + 24) ?? 0;
  const functionsRva = image.u32(at + 28) ?? 0;
  const namesRva = image.u32(at + 32) ?? 0;
  const ordinalsRva = image.u32(at + 36) ?? 0;
  if (functionCount > MAX_EXPORTS) {
    warnings.push(`export directory claims ${functionCount} functions; reading the first ${MAX_EXPORTS}`);
    functionCount = MAX_EXPORTS;
  }
  if (nameCount > MAX_EXPORTS) {
    warnings.push(`export directory claims ${nameCount} names; reading the first ${MAX_EXPORTS}`);
    nameCount = MAX_EXPORTS;
  }

  const namesByIndex = new Map<number, string[]>();
  let unreadableNames = 0;
  for (let i = 0; i < nameCount; i++) {
    const nameRva = image.rvaU32(namesRva + i * 4);
    const index = image.rvaU16(ordinalsRva + i * 2);
    if (nameRva === null || index === null) {
      warnings.push(`export name table is cut short after ${i} of ${nameCount} entries`);
      break;
    }
    const name = image.rvaCString(nameRva, MAX_EXPORT_NAME_LENGTH);
    if (name === null) {
      unreadableNames++;
      continue;
    }
    if (index >= functionCount) {
      warnings.push(`export ${name} refers to function index ${index}, beyond the ${functionCount} functions`);
      continue;
    }
    const list = namesByIndex.get(index);
    if (list) list.push(name);
    else namesByIndex.set(index, [name]);
  }
  if (unreadableNames > 0) warnings.push(`${unreadableNames} export names are unreadable`);

  const exports: PeExport[] = [];
  const directoryEnd = directory.virtualAddress + directory.size;
  for (let index = 0; index < functionCount; index++) {
    const rva = image.rvaU32(functionsRva + index * 4);
    if (rva === null) {
      warnings.push(`export address table is cut short after ${index} of ${functionCount} entries`);
      break;
    }
    const names = namesByIndex.get(index);
    if (rva === 0 && !names) continue; // an unused ordinal slot
    const ordinal = (base + index) >>> 0;
    const isForwarder = rva >= directory.virtualAddress && rva < directoryEnd;
    const forwarder = isForwarder ? image.rvaCString(rva, MAX_EXPORT_NAME_LENGTH) : null;
    if (isForwarder && forwarder === null) warnings.push(`forwarder string of ordinal ${ordinal} is unreadable`);
    const entryRva = isForwarder ? null : rva;
    if (names) {
      for (const name of names) exports.push({ name, ordinal, rva: entryRva, forwarder });
    } else {
      exports.push({ name: null, ordinal, rva: entryRva, forwarder });
    }
  }
  return exports;
}
