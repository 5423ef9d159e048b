import { bugcheckName, formatBugcheckCode } from '../reference/bugchecks';
import { ByteView, hex } from './byte-view';
import { readContext, readException, type Architecture, type ContextValues } from './context-record';
import { dumpTypeLabel, readDumpHeader, type DumpHeader } from './dump-header';
import {
  BITMAP_FULL_SIGNATURE,
  BITMAP_HEADER,
  BITMAP_SUMMARY_SIGNATURE,
  IMAGE_FILE_MACHINE_AMD64,
  IMAGE_FILE_MACHINE_ARM64,
  IMAGE_FILE_MACHINE_I386,
  VALID_DUMP32,
} from './dump-layout';
import type { BitmapSummary, DumpReport, ReadDumpOptions } from './dump-report';
import { fileSource, type DumpSource } from './dump-source';
import { buildFrames, decideCausedBy, faultingAddressFromParameters, ModuleMap } from './symbolless-stack';
import { pagesFromBitmap, pagesFromRuns, VirtualMemory, walkLoadedModules } from './kernel-memory';
import { readTriageSection, type TriageSection } from './triage-section';

const DEFAULT_MAX_DRIVERS = 4096;
const DEFAULT_MAX_FRAMES = 512;
/** Bytes of stack read from the context SP in complete/bitmap dumps (kernel stacks are 24–72 KB). */
const MEMORY_STACK_BYTES = 0x3000;

/**
 * Reads a Windows kernel crash dump the way BlueScreenView does, on any OS.
 *
 * Reads only the header and the sections it points to, so multi-gigabyte MEMORY.DMP files cost
 * a few kilobytes of I/O. Throws DumpFormatError when the file is not a kernel dump (see
 * dump-errors.ts); every later problem becomes a warning in a partial report.
 */
export function readDump(source: DumpSource, options: ReadDumpOptions = {}): DumpReport {
  const header = readDumpHeader(source);
  const warnings: string[] = [];
  const width = header.layout.width;
  const arch = architectureOf(header, warnings);

  if (header.majorVersion !== 0xf && header.majorVersion !== 0xc) {
    warnings.push(`Unexpected MajorVersion 0x${header.majorVersion.toString(16)} (0xF free, 0xC checked).`);
  }
  if (header.dumpType === 'unknown') warnings.push(`Unknown DumpType ${header.dumpTypeCode}.`);

  const maxDrivers = options.maxDrivers ?? DEFAULT_MAX_DRIVERS;
  let triage: TriageSection | null = null;
  let bitmap: BitmapSummary | null = null;
  if (header.dumpType === 'triage') {
    triage = readTriageSection(source, header.layout.body, width, maxDrivers, warnings);
  } else if (header.dumpType === 'bitmap-full' || header.dumpType === 'bitmap-kernel') {
    bitmap = readBitmapHeader(source, header, warnings);
  }

  const context = readBestContext(source, header, triage, arch, warnings);
  const memory = triage ? null : kernelMemoryOf(source, header, arch, bitmap !== null, warnings);
  const drivers = triage?.drivers ?? (memory ? walkLoadedModules(memory, header.psLoadedModuleList, maxDrivers, warnings) : []);
  const stack =
    triage?.stack ?? (memory && context ? { base: context.sp, bytes: memory.read(context.sp, MEMORY_STACK_BYTES) } : null);
  const modules = new ModuleMap(drivers);
  const frames = buildFrames({
    pc: context?.pc ?? null,
    parameterAddress: faultingAddressFromParameters(header.bugCheckCode, header.bugCheckParameters),
    stack,
    pointerSize: width === 64 ? 8 : 4,
    modules,
    maxFrames: options.maxFrames ?? DEFAULT_MAX_FRAMES,
  });
  const kernel = drivers.find((d) => /^nt\w*\.exe$/i.test(d.report.name)) ?? null;

  return {
    file: source.name ?? options.fileName ?? null,
    dumpType: header.dumpType,
    dumpTypeCode: header.dumpTypeCode,
    dumpTypeLabel: dumpTypeLabel(header.dumpType),
    signature: header.view.u32(4) === VALID_DUMP32 ? 'PAGEDUMP' : 'PAGEDU64',
    pointerSize: width === 64 ? 8 : 4,
    machine: arch ?? 'unknown',
    machineCode: hex(header.machineImageType),
    build: header.minorVersion,
    majorVersion: header.majorVersion,
    checkedBuild: header.majorVersion === 0xc,
    processors: header.numberProcessors,
    bugcheck: {
      code: formatBugcheckCode(BigInt(header.bugCheckCode)),
      name: bugcheckName(BigInt(header.bugCheckCode)),
      params: [
        hex(header.bugCheckParameters[0]),
        hex(header.bugCheckParameters[1]),
        hex(header.bugCheckParameters[2]),
        hex(header.bugCheckParameters[3]),
      ],
    },
    psLoadedModuleList: hex(header.psLoadedModuleList),
    psActiveProcessHead: hex(header.psActiveProcessHead),
    directoryTableBase: hex(header.directoryTableBase),
    kdDebuggerDataBlock: hex(header.kdDebuggerDataBlock),
    kernelBase: kernel ? kernel.report.base : null,
    paeEnabled: header.paeEnabled,
    comment: header.comment,
    systemTime: header.systemTime,
    systemUpTimeSeconds: header.systemUpTimeSeconds,
    context: context?.report ?? null,
    exception: readException(header.view, header.layout.exceptionRecord, width),
    drivers: drivers.map((d) => d.report),
    unloadedDrivers: triage?.unloaded ?? [],
    causedBy: decideCausedBy(frames),
    frames,
    triage: triage
      ? {
          sizeOfDump: triage.sizeOfDump,
          valid: triage.valid,
          stackBase: hex(triage.stack?.base ?? 0n),
          stackSize: triage.stack?.bytes.length ?? 0,
          driverCount: triage.drivers.length,
          unloadedDriverCount: triage.unloaded.length,
        }
      : null,
    bitmap,
    warnings,
  };
}

/** Opens, reads and closes a dump file. */
export function readDumpFile(path: string, options: ReadDumpOptions = {}): DumpReport {
  const source = fileSource(path);
  try {
    return readDump(source, options);
  } finally {
    source.close();
  }
}

/**
 * The dump's virtual memory, when DriverLab can translate it: x64 complete dumps (physical
 * memory runs) and bitmap dumps. Other kinds get a warning that the driver list was not read.
 */
function kernelMemoryOf(
  source: DumpSource,
  header: DumpHeader,
  arch: Architecture | null,
  hasBitmap: boolean,
  warnings: string[],
): VirtualMemory | null {
  const type = header.dumpType;
  if (type === 'header' || type === 'unknown') return null;
  const walkable = arch === 'x64' && (type === 'full' || hasBitmap);
  if (!walkable) {
    warnings.push(
      `Driver list not read: in this ${arch ?? 'unknown-architecture'} ${dumpTypeLabel(type).toLowerCase()} it lives in PsLoadedModuleList in memory, and DriverLab walks page tables only for x64 complete and bitmap dumps.`,
    );
    return null;
  }
  const pages = hasBitmap
    ? pagesFromBitmap(source, header.layout.body, warnings)
    : pagesFromRuns(header.view, header.layout.physicalMemoryBlock, header.layout.headerSize, source.size, warnings);
  return pages ? new VirtualMemory(source, pages, header.directoryTableBase) : null;
}

function architectureOf(header: DumpHeader, warnings: string[]): Architecture | null {
  switch (header.machineImageType) {
    case IMAGE_FILE_MACHINE_AMD64:
      return 'x64';
    case IMAGE_FILE_MACHINE_I386:
      return 'x86';
    case IMAGE_FILE_MACHINE_ARM64:
      return 'arm64';
  }
  // Fall back on the header width so PC/SP can still be read.
  const guess: Architecture = header.layout.width === 64 ? 'x64' : 'x86';
  warnings.push(`Unknown MachineImageType 0x${header.machineImageType.toString(16)}; reading the context as ${guess}.`);
  return null;
}

/** The triage section's context when it points at one inside the file, else the header's copy. */
function readBestContext(
  source: DumpSource,
  header: DumpHeader,
  triage: TriageSection | null,
  arch: Architecture | null,
  warnings: string[],
): ContextValues | null {
  const effective: Architecture = arch ?? (header.layout.width === 64 ? 'x64' : 'x86');
  if (triage && triage.contextOffset !== 0) {
    const bytes = source.read(triage.contextOffset, header.layout.contextRecordSize);
    const fromTriage = readContext(new ByteView(bytes), 0, effective, 'triage');
    if (fromTriage) return fromTriage;
    warnings.push(
      `Triage context offset 0x${triage.contextOffset.toString(16)} is outside the file; using the header's context record.`,
    );
  }
  const fromHeader = readContext(header.view, header.layout.contextRecord, effective, 'header');
  if (fromHeader && fromHeader.pc === 0x4547415045474150n) {
    warnings.push('The header holds no context record.');
    return null;
  }
  return fromHeader;
}

function readBitmapHeader(source: DumpSource, header: DumpHeader, warnings: string[]): BitmapSummary | null {
  if (header.layout.width !== 64) {
    warnings.push('Bitmap header of 32-bit dumps is not decoded.');
    return null;
  }
  const view = new ByteView(source.read(header.layout.body, BITMAP_HEADER.pages + 8));
  const signature = view.u32(BITMAP_HEADER.signature);
  if (signature !== BITMAP_SUMMARY_SIGNATURE && signature !== BITMAP_FULL_SIGNATURE) {
    warnings.push('Bitmap header (SDMP/FDMP) missing after the dump header.');
    return null;
  }
  return {
    signature: signature === BITMAP_SUMMARY_SIGNATURE ? 'SDMP' : 'FDMP',
    firstPage: hex(view.u64(BITMAP_HEADER.firstPage) ?? 0n),
    presentPages: hex(view.u64(BITMAP_HEADER.totalPresentPages) ?? 0n),
    bitmapPages: hex(view.u64(BITMAP_HEADER.pages) ?? 0n),
  };
}
