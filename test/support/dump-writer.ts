/**
 * Writes synthetic Windows kernel crash dumps for tests and benchmarks.
 *
 * Deliberately independent of src-main/core/dumps: the offsets below are written out again from
 * the public definitions (Volatility crash_vtypes.py `_DMP_HEADER`/`_DMP_HEADER64`, rizin
 * dmp_specs.h TRIAGE_DUMP*, DUMP_DRIVER_ENTRY*, wdbgexts.h DUMP_UNLOADED_DRIVERS*), so a wrong
 * offset in the reader is caught by tests instead of being mirrored.
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

export interface SyntheticDriver {
  /** Full path as the kernel stores it, e.g. `\SystemRoot\system32\ntoskrnl.exe`. */
  path: string;
  base: bigint;
  size: number;
  timeDateStamp?: number;
}

export interface SyntheticUnloaded {
  /** At most 12 characters are stored (MAX_UNLOADED_NAME_LENGTH). */
  name: string;
  start: bigint;
  end: bigint;
}

export interface SyntheticContext {
  pc: bigint;
  sp: bigint;
  fp: bigint;
}

export interface SyntheticTriage {
  drivers?: SyntheticDriver[];
  unloaded?: SyntheticUnloaded[];
  /** Stack slots, lowest address first, and the virtual address of the first slot. */
  stack?: { base: bigint; values: bigint[] };
  /** Write a context record in the triage body (default) or point ContextOffset at the header's. */
  contextInTriage?: boolean;
  /** Write the TRGD marker at ValidOffset (default true). */
  valid?: boolean;
}

export interface SyntheticDumpSpec {
  /** Header width: 64 (PAGEDU64, default) or 32 (PAGEDUMP). */
  width?: 32 | 64;
  /** MachineImageType; defaults to AMD64 (64) or I386 (32). */
  machine?: number;
  /** DumpType (default 4, triage). */
  dumpType?: number;
  majorVersion?: number;
  build?: number;
  processors?: number;
  bugcheckCode?: number;
  bugcheckParams?: [bigint, bigint, bigint, bigint];
  directoryTableBase?: bigint;
  psLoadedModuleList?: bigint;
  psActiveProcessHead?: bigint;
  kdDebuggerDataBlock?: bigint;
  paeEnabled?: boolean;
  comment?: string;
  /** FILETIME. */
  systemTime?: bigint;
  /** 100 ns units. */
  systemUpTime?: bigint;
  context?: SyntheticContext;
  exception?: { code: number; flags: number; address: bigint; parameters: bigint[] };
  /** Triage body; written when dumpType is 4. */
  triage?: SyntheticTriage;
  /** Bitmap header (64-bit only); written when dumpType is 5 or 6 and no `memory` is given. */
  bitmap?: { firstPage: bigint; presentPages: bigint; pages: bigint };
  /**
   * Physical memory to save (64-bit dumps of type 1, 5 or 6): written as memory runs (type 1) or
   * as a bitmap (5/6). DirectoryTableBase is set to the space's CR3.
   */
  memory?: SyntheticAddressSpace;
}

/** File offsets of what was written, so tests can corrupt precise places. */
export interface SyntheticDumpOffsets {
  triageHeader: number;
  unloaded: number;
  context: number;
  callStack: number;
  driverList: number;
  stringPool: number;
  valid: number;
  end: number;
}

export interface SyntheticDump {
  bytes: Uint8Array;
  offsets: SyntheticDumpOffsets;
}

const MACHINE = { i386: 0x14c, amd64: 0x8664, arm64: 0xaa64 } as const;
export const MACHINE_I386 = MACHINE.i386;
export const MACHINE_AMD64 = MACHINE.amd64;
export const MACHINE_ARM64 = MACHINE.arm64;

interface HeaderOffsets {
  size: number;
  dtb: number;
  pfn: number;
  psLoaded: number;
  psActive: number;
  machine: number;
  processors: number;
  bugcheck: number;
  params: number;
  kdDebuggerDataBlock: number;
  context: number;
  exception: number;
  comment: number;
  dumpType: number;
  systemTime: number;
  systemUpTime: number;
}

// Volatility crash_vtypes.py: _DMP_HEADER64 and _DMP_HEADER.
const H64: HeaderOffsets = {
  size: 0x2000,
  dtb: 0x10,
  pfn: 0x18,
  psLoaded: 0x20,
  psActive: 0x28,
  machine: 0x30,
  processors: 0x34,
  bugcheck: 0x38,
  params: 0x40,
  kdDebuggerDataBlock: 0x80,
  context: 0x348,
  exception: 0xf00,
  comment: 0xfb0,
  dumpType: 0xf98,
  systemTime: 0xfa8,
  systemUpTime: 0x1030,
};
const H32: HeaderOffsets = {
  size: 0x1000,
  dtb: 0x10,
  pfn: 0x14,
  psLoaded: 0x18,
  psActive: 0x1c,
  machine: 0x20,
  processors: 0x24,
  bugcheck: 0x28,
  params: 0x2c,
  kdDebuggerDataBlock: 0x60,
  context: 0x320,
  exception: 0x7d0,
  comment: 0x820,
  dumpType: 0xf88,
  systemTime: 0xfc0,
  systemUpTime: 0xfb8,
};

/** CONTEXT sizes and PC/SP/FP offsets: winnt.h AMD64 CONTEXT, x86 CONTEXT, ARM64_NT_CONTEXT. */
function contextShape(machine: number): { size: number; pc: number; sp: number; fp: number; width: 32 | 64 } {
  if (machine === MACHINE.i386) return { size: 0x2cc, pc: 0xb8, sp: 0xc4, fp: 0xb4, width: 32 };
  if (machine === MACHINE.arm64) return { size: 0x390, pc: 0x108, sp: 0x100, fp: 0xf0, width: 64 };
  return { size: 0x4d0, pc: 0xf8, sp: 0x98, fp: 0xa0, width: 64 };
}

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u8(at: number, v: number): void {
    this.bytes[at] = v;
  }
  u16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }
  u32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }
  u64(at: number, v: bigint): void {
    this.view.setBigUint64(at, BigInt.asUintN(64, v), true);
  }
  ptr(at: number, v: bigint, width: 32 | 64): void {
    if (width === 64) this.u64(at, v);
    else this.u32(at, Number(BigInt.asUintN(32, v)));
  }
  ascii(at: number, text: string): void {
    for (let i = 0; i < text.length; i++) this.bytes[at + i] = text.charCodeAt(i) & 0x7f;
  }
  utf16(at: number, text: string): void {
    for (let i = 0; i < text.length; i++) this.u16(at + i * 2, text.charCodeAt(i));
  }
}

const align = (n: number, to: number): number => Math.ceil(n / to) * to;

/** Builds a complete synthetic dump in memory. */
export function writeSyntheticDump(spec: SyntheticDumpSpec = {}): SyntheticDump {
  const width = spec.width ?? 64;
  const h = width === 64 ? H64 : H32;
  const machine = spec.machine ?? (width === 64 ? MACHINE.amd64 : MACHINE.i386);
  const dumpType = spec.dumpType ?? 4;
  const triage = dumpType === 4 ? (spec.triage ?? {}) : null;
  const ctx = contextShape(machine);

  // Lay out the triage body first to know the file size.
  const ptrSize = width / 8;
  const triageHeaderSize = width === 64 ? 0x80 : 0x68;
  const driverEntrySize = width === 64 ? 0x90 : 0x4c;
  const unloadedFirst = width === 64 ? 8 : 4;
  const unloadedSize = width === 64 ? 0x38 : 0x28;
  const drivers = triage?.drivers ?? [];
  const unloaded = triage?.unloaded ?? [];
  const stackValues = triage?.stack?.values ?? [];
  const offsets: SyntheticDumpOffsets = {
    triageHeader: 0,
    unloaded: 0,
    context: 0,
    callStack: 0,
    driverList: 0,
    stringPool: 0,
    valid: 0,
    end: h.size,
  };
  let cursor = h.size;
  const take = (size: number): number => {
    const at = align(cursor, 8);
    cursor = at + size;
    return at;
  };
  if (triage) {
    offsets.triageHeader = take(triageHeaderSize);
    offsets.unloaded = take(unloadedFirst + unloaded.length * unloadedSize);
    offsets.context = triage.contextInTriage === false ? h.context : take(ctx.size);
    offsets.callStack = take(stackValues.length * ptrSize);
    offsets.driverList = take(drivers.length * driverEntrySize);
    offsets.stringPool = take(drivers.reduce((n, d) => n + align(4 + (d.path.length + 1) * 2, 8), 0));
    offsets.valid = take(4);
    offsets.end = cursor;
  } else if ((dumpType === 5 || dumpType === 6) && width === 64) {
    offsets.end = h.size + 0x40;
  }
  const memory = width === 64 && (dumpType === 1 || dumpType === 5 || dumpType === 6) ? spec.memory : undefined;
  const memoryLayout = memory ? layoutMemory(memory, dumpType, h.size) : null;
  if (memoryLayout) offsets.end = memoryLayout.end;

  const w = new Writer(offsets.end);
  // Unwritten header bytes read "PAGE", as on real dumps.
  for (let at = 0; at + 4 <= h.size; at += 4) w.ascii(at, 'PAGE');
  w.ascii(0, width === 64 ? 'PAGEDU64' : 'PAGEDUMP');
  w.u32(0x08, spec.majorVersion ?? 0xf);
  w.u32(0x0c, spec.build ?? 19041);
  w.ptr(h.dtb, memory ? memory.cr3 : (spec.directoryTableBase ?? 0x1ad000n), width);
  w.ptr(h.pfn, 0n, width);
  w.ptr(h.psLoaded, spec.psLoadedModuleList ?? 0n, width);
  w.ptr(h.psActive, spec.psActiveProcessHead ?? 0n, width);
  w.u32(h.machine, machine);
  w.u32(h.processors, spec.processors ?? 1);
  w.u32(h.bugcheck, spec.bugcheckCode ?? 0);
  if (width === 64) w.u32(h.bugcheck + 4, 0);
  const params = spec.bugcheckParams ?? [0n, 0n, 0n, 0n];
  params.forEach((p, i) => w.ptr(h.params + i * ptrSize, p, width));
  if (width === 32) w.u8(0x5c, spec.paeEnabled ? 1 : 0);
  w.ptr(h.kdDebuggerDataBlock, spec.kdDebuggerDataBlock ?? 0n, width);
  w.u32(h.dumpType, dumpType);
  if (spec.comment !== undefined) {
    for (let i = 0; i < 128; i++) w.u8(h.comment + i, 0);
    w.ascii(h.comment, spec.comment.slice(0, 127));
  }
  if (spec.systemTime !== undefined) w.u64(h.systemTime, spec.systemTime);
  if (spec.systemUpTime !== undefined) w.u64(h.systemUpTime, spec.systemUpTime);
  if (spec.exception) writeException(w, h.exception, width, spec.exception);
  if (spec.context) writeContext(w, h.context, ctx, spec.context);

  if (triage) writeTriage(w, width, offsets, triage, spec.context, ctx);
  if (memory && memoryLayout) {
    writeMemory(w, memory, memoryLayout, dumpType, h.size);
  } else if ((dumpType === 5 || dumpType === 6) && width === 64) {
    w.ascii(h.size, dumpType === 5 ? 'FDMPDUMP' : 'SDMPDUMP');
    const b = spec.bitmap ?? { firstPage: 0x10000n, presentPages: 0n, pages: 0n };
    w.u64(h.size + 0x20, b.firstPage);
    w.u64(h.size + 0x28, b.presentPages);
    w.u64(h.size + 0x30, b.pages);
  }
  return { bytes: w.bytes, offsets };
}

function writeContext(w: Writer, at: number, shape: ReturnType<typeof contextShape>, ctx: SyntheticContext): void {
  for (let i = 0; i < shape.size; i++) w.u8(at + i, 0);
  w.ptr(at + shape.pc, ctx.pc, shape.width);
  w.ptr(at + shape.sp, ctx.sp, shape.width);
  w.ptr(at + shape.fp, ctx.fp, shape.width);
}

function writeException(w: Writer, at: number, width: 32 | 64, e: NonNullable<SyntheticDumpSpec['exception']>): void {
  w.u32(at, e.code);
  w.u32(at + 4, e.flags);
  w.ptr(at + 8, 0n, width);
  const address = width === 64 ? 0x10 : 0x0c;
  const count = width === 64 ? 0x18 : 0x10;
  const info = width === 64 ? 0x20 : 0x14;
  w.ptr(at + address, e.address, width);
  w.u32(at + count, e.parameters.length);
  e.parameters.forEach((p, i) => w.ptr(at + info + i * (width / 8), p, width));
}

function writeTriage(
  w: Writer,
  width: 32 | 64,
  o: SyntheticDumpOffsets,
  t: SyntheticTriage,
  ctx: SyntheticContext | undefined,
  shape: ReturnType<typeof contextShape>,
): void {
  const drivers = t.drivers ?? [];
  const unloaded = t.unloaded ?? [];
  const stack = t.stack ?? { base: 0n, values: [] };
  const ptrSize = width / 8;
  const at = o.triageHeader;
  // TRIAGE_DUMP32/64 (rizin dmp_specs.h)
  w.u32(at + 0x00, 0); // ServicePackBuild
  w.u32(at + 0x04, o.end); // SizeOfDump
  w.u32(at + 0x08, o.valid); // ValidOffset
  w.u32(at + 0x0c, o.context); // ContextOffset
  w.u32(at + 0x10, 0); // ExceptionOffset
  w.u32(at + 0x18, o.unloaded); // UnloadedDriversOffset
  w.u32(at + 0x28, stack.values.length > 0 ? o.callStack : 0); // CallStackOffset
  w.u32(at + 0x2c, stack.values.length * ptrSize); // SizeOfCallStack
  w.u32(at + 0x30, o.driverList); // DriverListOffset
  w.u32(at + 0x34, drivers.length); // DriverCount
  w.u32(at + 0x38, o.stringPool); // StringPoolOffset
  w.u32(at + 0x3c, 0); // StringPoolSize (not used by readers)
  w.u32(at + 0x44, 0xffffffff); // TriageOptions
  w.ptr(at + 0x48, stack.base, width); // TopOfStack

  // Unloaded drivers: ULONG count, then DUMP_UNLOADED_DRIVERS (x64 array 8-aligned).
  w.u32(o.unloaded, unloaded.length);
  const uFirst = width === 64 ? 8 : 4;
  const uSize = width === 64 ? 0x38 : 0x28;
  unloaded.forEach((u, i) => {
    const e = o.unloaded + uFirst + i * uSize;
    const name = u.name.slice(0, 12);
    w.u16(e, name.length * 2); // Name.Length
    w.u16(e + 2, name.length * 2); // Name.MaximumLength
    const nameAt = width === 64 ? 0x10 : 0x08;
    w.utf16(e + nameAt, name);
    w.ptr(e + (width === 64 ? 0x28 : 0x20), u.start, width);
    w.ptr(e + (width === 64 ? 0x30 : 0x24), u.end, width);
  });

  if (ctx && t.contextInTriage !== false) writeContext(w, o.context, shape, ctx);
  stack.values.forEach((v, i) => w.ptr(o.callStack + i * ptrSize, v, width));

  // Driver list: DUMP_DRIVER_ENTRY with names in the string pool.
  let pool = o.stringPool;
  const entrySize = width === 64 ? 0x90 : 0x4c;
  const ldr = width === 64 ? 0x08 : 0x04;
  drivers.forEach((d, i) => {
    const e = o.driverList + i * entrySize;
    w.u32(e, pool);
    w.ptr(e + ldr + (width === 64 ? 0x30 : 0x18), d.base, width); // DllBase
    w.u32(e + ldr + (width === 64 ? 0x40 : 0x20), d.size); // SizeOfImage
    w.u32(e + ldr + (width === 64 ? 0x80 : 0x44), d.timeDateStamp ?? 0); // TimeDateStamp
    w.u32(pool, d.path.length);
    w.utf16(pool + 4, d.path);
    pool += align(4 + (d.path.length + 1) * 2, 8);
  });
  if (t.valid !== false) w.ascii(o.valid, 'TRGD');
}

/**
 * Physical pages plus x64 4-level page tables (Intel SDM vol. 3A §4.5), for complete and bitmap
 * dumps. Physical page numbers skip a hole after the first four pages, so readers must really use
 * the memory runs / bitmap to find pages.
 */
export class SyntheticAddressSpace {
  /** Saved physical pages by page frame number. */
  readonly pages = new Map<bigint, Uint8Array>();
  readonly cr3: bigint;
  private nextIndex = 0;
  static readonly HOLE_AFTER = 4;
  static readonly HOLE_PAGES = 0x100;

  constructor() {
    this.cr3 = this.allocate() << 12n;
  }

  /** A new zeroed physical page; returns its page frame number. */
  allocate(): bigint {
    const index = this.nextIndex++;
    const pfn = BigInt(index < SyntheticAddressSpace.HOLE_AFTER ? index : index + SyntheticAddressSpace.HOLE_PAGES);
    this.pages.set(pfn, new Uint8Array(0x1000));
    return pfn;
  }

  private tableEntry(tablePfn: bigint, index: bigint): bigint {
    const table = this.pages.get(tablePfn);
    if (!table) throw new Error('missing table page');
    const view = new DataView(table.buffer);
    let entry = view.getBigUint64(Number(index) * 8, true);
    if ((entry & 1n) === 0n) {
      entry = (this.allocate() << 12n) | 0x3n; // present | writable
      view.setBigUint64(Number(index) * 8, entry, true);
    }
    return (entry & 0x000ffffffffff000n) >> 12n;
  }

  /** The physical page backing `va`, creating tables and the page as needed. */
  pageFor(va: bigint): Uint8Array {
    let pfn = this.cr3 >> 12n;
    for (const shift of [39n, 30n, 21n, 12n]) pfn = this.tableEntry(pfn, (va >> shift) & 0x1ffn);
    const page = this.pages.get(pfn);
    if (!page) throw new Error('missing page');
    return page;
  }

  write(va: bigint, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length;) {
      const here = va + BigInt(i);
      const inPage = Number(here & 0xfffn);
      const n = Math.min(bytes.length - i, 0x1000 - inPage);
      this.pageFor(here).set(bytes.subarray(i, i + n), inPage);
      i += n;
    }
  }

  writeU64(va: bigint, value: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
    this.write(va, b);
  }

  writeU32(va: bigint, value: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value >>> 0, true);
    this.write(va, b);
  }

  writeUtf16(va: bigint, text: string): void {
    const b = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) new DataView(b.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    this.write(va, b);
  }
}

/**
 * Writes PsLoadedModuleList at `head`: a circular LIST_ENTRY of KLDR_DATA_TABLE_ENTRY64
 * (DllBase +0x30, SizeOfImage +0x40, FullDllName +0x48, BaseDllName +0x58; rizin dmp_specs.h)
 * placed from `entries` on, and a minimal PE header (MZ, PE\0\0, TimeDateStamp) at each DllBase.
 */
export function writeLoadedModuleList(
  space: SyntheticAddressSpace,
  head: bigint,
  entries: bigint,
  drivers: SyntheticDriver[],
): void {
  const stride = 0x200n;
  const links = drivers.map((_, i) => entries + BigInt(i) * stride);
  space.writeU64(head, links[0] ?? head);
  space.writeU64(head + 8n, links[links.length - 1] ?? head);
  drivers.forEach((d, i) => {
    const at = links[i];
    space.writeU64(at, links[i + 1] ?? head);
    space.writeU64(at + 8n, i === 0 ? head : links[i - 1]);
    space.writeU64(at + 0x30n, d.base);
    space.writeU32(at + 0x40n, d.size);
    const base = d.path.slice(d.path.lastIndexOf('\\') + 1);
    const fullAt = at + 0x100n;
    const baseAt = fullAt + BigInt(d.path.length * 2 + 8);
    space.write(at + 0x48n, unicodeString(d.path.length * 2, fullAt));
    space.write(at + 0x58n, unicodeString(base.length * 2, baseAt));
    space.writeUtf16(fullAt, d.path);
    space.writeUtf16(baseAt, base);
    space.write(d.base, new TextEncoder().encode('MZ'));
    space.writeU32(d.base + 0x3cn, 0x80);
    space.write(d.base + 0x80n, new TextEncoder().encode('PE\0\0'));
    space.writeU32(d.base + 0x88n, d.timeDateStamp ?? 0);
  });
}

function unicodeString(lengthBytes: number, buffer: bigint): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setUint16(0, lengthBytes, true);
  v.setUint16(2, lengthBytes, true);
  v.setBigUint64(8, buffer, true);
  return b;
}

interface MemoryLayout {
  pfns: bigint[];
  firstPage: number;
  bitmapPages: number;
  end: number;
}

function layoutMemory(space: SyntheticAddressSpace, dumpType: number, headerSize: number): MemoryLayout {
  const pfns = [...space.pages.keys()].sort((a, b) => (a < b ? -1 : 1));
  const bitmapPages = Number(pfns[pfns.length - 1] + 1n);
  const firstPage = dumpType === 1 ? headerSize : align(headerSize + 0x38 + Math.ceil(bitmapPages / 8), 0x1000);
  return { pfns, firstPage, bitmapPages, end: firstPage + pfns.length * 0x1000 };
}

function writeMemory(w: Writer, space: SyntheticAddressSpace, layout: MemoryLayout, dumpType: number, headerSize: number): void {
  if (dumpType === 1) {
    // PHYSICAL_MEMORY_DESCRIPTOR64 at 0x88: runs of consecutive page frame numbers.
    const runs: Array<[bigint, bigint]> = [];
    for (const pfn of layout.pfns) {
      const last = runs[runs.length - 1];
      if (last && last[0] + last[1] === pfn) last[1]++;
      else runs.push([pfn, 1n]);
    }
    w.u32(0x88, runs.length);
    w.u32(0x8c, 0);
    w.u64(0x90, BigInt(layout.pfns.length));
    runs.forEach(([base, count], i) => {
      w.u64(0x98 + i * 16, base);
      w.u64(0xa0 + i * 16, count);
    });
  } else {
    w.ascii(headerSize, dumpType === 5 ? 'FDMPDUMP' : 'SDMPDUMP');
    w.u64(headerSize + 0x20, BigInt(layout.firstPage));
    w.u64(headerSize + 0x28, BigInt(layout.pfns.length));
    w.u64(headerSize + 0x30, BigInt(layout.bitmapPages));
    for (const pfn of layout.pfns) {
      const bit = Number(pfn);
      w.u8(headerSize + 0x38 + (bit >> 3), (w.bytes[headerSize + 0x38 + (bit >> 3)] ?? 0) | (1 << (bit & 7)));
    }
  }
  layout.pfns.forEach((pfn, i) => {
    const page = space.pages.get(pfn);
    if (page) w.bytes.set(page, layout.firstPage + i * 0x1000);
  });
}

/**
 * Writes a large kernel dump sparsely: a real header, then ftruncate to `sizeBytes`, so a
 * multi-gigabyte MEMORY.DMP costs a few kilobytes of disk. For benchmarks of readDump on big files.
 */
export function writeSparseKernelDump(path: string, sizeBytes: number, spec: SyntheticDumpSpec = {}): void {
  const { bytes } = writeSyntheticDump({ dumpType: 5, bugcheckCode: 0xe2, ...spec, triage: undefined });
  if (sizeBytes < bytes.length) throw new Error(`sparse dump must be at least ${bytes.length} bytes`);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, sizeBytes);
  } finally {
    closeSync(fd);
  }
}

/** Deterministic PRNG (mulberry32) for fuzz tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
