/**
 * Walkers for the import directory (IMAGE_IMPORT_DESCRIPTOR) and the delay-load import
 * directory (IMAGE_DELAYLOAD_DESCRIPTOR), both styles: RVA-based (Attributes bit 0 set) and
 * the old Visual C++ 6 layout whose fields are virtual addresses. Every table walk is capped.
 */
import type { DataDirectory } from './headers';
import type { ImageView } from './imageView';
import type { PeImportedFunction, PeImportModule } from './peAnalysis';

/** Total thunks read across all import tables of one image before giving up. */
export const MAX_IMPORT_THUNKS = 100_000;
/** Descriptors read from one import or delay-import directory before giving up. */
export const MAX_IMPORT_DESCRIPTORS = 10_000;
/** Longest module or function name accepted (pefile's MAX_DLL_LENGTH / MAX_IMPORT_NAME_LENGTH). */
const MAX_NAME_LENGTH = 0x200;
const IMPORT_DESCRIPTOR_SIZE = 20;
const DELAY_DESCRIPTOR_SIZE = 32;

export interface ImportWalkContext {
  image: ImageView;
  is64: boolean;
  imageBase: bigint;
  sizeOfImage: number;
  warnings: string[];
  /** Thunks still allowed; shared by the import and delay-import walks. */
  thunkBudget: { remaining: number; exhausted: boolean };
}

export function readImportDirectory(ctx: ImportWalkContext, directory: DataDirectory | undefined): PeImportModule[] {
  if (!directory || directory.virtualAddress === 0) return [];
  const { image, warnings } = ctx;
  const modules: PeImportModule[] = [];
  for (let index = 0; ; index++) {
    if (index >= MAX_IMPORT_DESCRIPTORS) {
      warnings.push(`import directory: stopped after ${MAX_IMPORT_DESCRIPTORS} descriptors`);
      break;
    }
    const rva = directory.virtualAddress + index * IMPORT_DESCRIPTOR_SIZE;
    const at = image.rvaToOffset(rva, IMPORT_DESCRIPTOR_SIZE);
    if (at === null) {
      warnings.push(`import directory: descriptor at RVA 0x${hex(rva)} is outside the file`);
      break;
    }
    const originalFirstThunk = image.u32(at) ?? 0;
    const nameRva = image.u32(at + 12) ?? 0;
    const firstThunk = image.u32(at + 16) ?? 0;
    const allZero =
      originalFirstThunk === 0 && nameRva === 0 && firstThunk === 0 && image.u32(at + 4) === 0 && image.u32(at + 8) === 0;
    if (allZero) break;
    const module = readModuleName(ctx, nameRva, 'import');
    if (module === null) continue;
    const functions = readThunkTable(ctx, module, originalFirstThunk, firstThunk, false);
    modules.push({ module, delayLoad: false, functions });
    if (ctx.thunkBudget.remaining <= 0) break;
  }
  return modules;
}

export function readDelayImportDirectory(ctx: ImportWalkContext, directory: DataDirectory | undefined): PeImportModule[] {
  if (!directory || directory.virtualAddress === 0) return [];
  const { image, warnings } = ctx;
  const modules: PeImportModule[] = [];
  for (let index = 0; ; index++) {
    if (index >= MAX_IMPORT_DESCRIPTORS) {
      warnings.push(`delay-import directory: stopped after ${MAX_IMPORT_DESCRIPTORS} descriptors`);
      break;
    }
    const rva = directory.virtualAddress + index * DELAY_DESCRIPTOR_SIZE;
    const at = image.rvaToOffset(rva, DELAY_DESCRIPTOR_SIZE);
    if (at === null) {
      warnings.push(`delay-import directory: descriptor at RVA 0x${hex(rva)} is outside the file`);
      break;
    }
    const fields: number[] = [];
    for (let i = 0; i < 8; i++) fields.push(image.u32(at + i * 4) ?? 0);
    if (fields.every((value) => value === 0)) break;
    const [attributes, rawName, , rawIat, rawInt] = fields;
    // Attributes bit 0 (dlattrRva) clear: the Visual C++ 6 layout, with virtual addresses.
    const usesVirtualAddresses = (attributes & 1) === 0;
    const norm = (value: number): number => (usesVirtualAddresses ? normalizeVa(ctx, value) : value);
    const module = readModuleName(ctx, norm(rawName), 'delay-import');
    if (module === null) continue;
    const functions = readThunkTable(ctx, module, norm(rawInt), norm(rawIat), usesVirtualAddresses);
    modules.push({ module, delayLoad: true, functions });
    if (ctx.thunkBudget.remaining <= 0) break;
  }
  return modules;
}

/** A VA inside the image becomes an RVA; anything else is left alone (as pefile's normalize_import_va). */
function normalizeVa(ctx: ImportWalkContext, value: number): number {
  const va = BigInt(value);
  if (va >= ctx.imageBase && va < ctx.imageBase + BigInt(ctx.sizeOfImage)) return Number(va - ctx.imageBase);
  return value;
}

function readModuleName(ctx: ImportWalkContext, nameRva: number, what: string): string | null {
  const name = nameRva === 0 ? null : ctx.image.rvaCString(nameRva, MAX_NAME_LENGTH);
  if (name === null || name.length === 0) {
    ctx.warnings.push(`${what} directory: module name at RVA 0x${hex(nameRva)} is unreadable; descriptor skipped`);
    return null;
  }
  return name;
}

/**
 * Reads an import lookup table: the name table when present and readable, else the address
 * table (unbound images keep the same entries in both).
 */
function readThunkTable(
  ctx: ImportWalkContext,
  module: string,
  nameTableRva: number,
  addressTableRva: number,
  usesVirtualAddresses: boolean,
): PeImportedFunction[] {
  const entrySize = ctx.is64 ? 8 : 4;
  const tableRva = nameTableRva !== 0 && ctx.image.rvaToOffset(nameTableRva, entrySize) !== null ? nameTableRva : addressTableRva;
  if (tableRva === 0 || ctx.image.rvaToOffset(tableRva, entrySize) === null) {
    ctx.warnings.push(`${module}: import tables at RVA 0x${hex(nameTableRva)} / 0x${hex(addressTableRva)} are outside the file`);
    return [];
  }
  const functions: PeImportedFunction[] = [];
  for (let index = 0; ; index++) {
    if (ctx.thunkBudget.remaining <= 0) {
      if (!ctx.thunkBudget.exhausted) {
        ctx.warnings.push(`imports: stopped after ${MAX_IMPORT_THUNKS} thunks (a table that never ends?)`);
        ctx.thunkBudget.exhausted = true;
      }
      break;
    }
    ctx.thunkBudget.remaining--;
    const thunkRva = tableRva + index * entrySize;
    const at = ctx.image.rvaToOffset(thunkRva, entrySize);
    if (at === null) {
      ctx.warnings.push(`${module}: import table runs past the end of its data at RVA 0x${hex(thunkRva)}`);
      break;
    }
    const low = ctx.image.u32(at) ?? 0;
    const high = ctx.is64 ? (ctx.image.u32(at + 4) ?? 0) : 0;
    if (low === 0 && high === 0) break;
    const byOrdinal = ctx.is64 ? (high & 0x80000000) !== 0 : (low & 0x80000000) !== 0;
    if (byOrdinal) {
      functions.push({ ordinal: low & 0xffff });
      continue;
    }
    if (ctx.is64 && high !== 0) {
      ctx.warnings.push(`${module}: import entry 0x${hex(high)}${hex(low).padStart(8, '0')} is not an RVA; table abandoned`);
      break;
    }
    const hintNameRva = usesVirtualAddresses ? normalizeVa(ctx, low) : low;
    const hint = ctx.image.rvaU16(hintNameRva);
    const name = hint === null ? null : ctx.image.rvaCString(hintNameRva + 2, MAX_NAME_LENGTH);
    if (hint === null || name === null) {
      ctx.warnings.push(`${module}: import name at RVA 0x${hex(hintNameRva)} is unreadable; table abandoned`);
      break;
    }
    functions.push({ name, hint });
  }
  return functions;
}

function hex(value: number): string {
  return value.toString(16);
}
