import { ByteView } from './byte-view';
import type { DumpSource } from './dump-source';
import { DumpFormatError } from './dump-errors';
import {
  COMMENT_SIZE,
  DUMP_SIGNATURE,
  DUMP_TYPE_NAMES,
  HEADER32,
  HEADER64,
  USER_MINIDUMP_SIGNATURE,
  VALID_DUMP32,
  VALID_DUMP64,
  type DumpTypeName,
  type HeaderLayout,
} from './dump-layout';

/** The fixed header, decoded; values stay bigint/number here and are formatted by readDump. */
export interface DumpHeader {
  layout: HeaderLayout;
  view: ByteView;
  majorVersion: number;
  minorVersion: number;
  directoryTableBase: bigint;
  pfnDataBase: bigint;
  psLoadedModuleList: bigint;
  psActiveProcessHead: bigint;
  machineImageType: number;
  numberProcessors: number;
  bugCheckCode: number;
  bugCheckParameters: [bigint, bigint, bigint, bigint];
  kdDebuggerDataBlock: bigint;
  paeEnabled: boolean | null;
  dumpTypeCode: number;
  dumpType: DumpTypeName;
  comment: string | null;
  systemTime: string | null;
  systemUpTimeSeconds: number | null;
}

const PAGE_FILL_64 = 0x4547415045474150n; // "PAGEPAGE": what unwritten 64-bit fields hold

/** Reads and checks the signature; throws DumpFormatError when this is not a kernel dump. */
export function readDumpHeader(source: DumpSource): DumpHeader {
  if (source.size === 0) throw new DumpFormatError('empty', 'The file is empty.');
  const start = new ByteView(source.read(0, 8));
  const signature = start.u32(0);
  const valid = start.u32(4);
  if (signature === USER_MINIDUMP_SIGNATURE) {
    throw new DumpFormatError(
      'user-mode-minidump',
      'This is a user-mode minidump (MDMP), written when an application crashes; DriverLab reads kernel crash dumps (PAGEDU64/PAGEDUMP).',
    );
  }
  if (signature !== DUMP_SIGNATURE || (valid !== VALID_DUMP64 && valid !== VALID_DUMP32)) {
    throw new DumpFormatError(
      'not-a-dump',
      'Not a Windows kernel crash dump: the file does not start with PAGEDU64 or PAGEDUMP.',
    );
  }
  const layout = valid === VALID_DUMP64 ? HEADER64 : HEADER32;
  if (source.size < layout.headerSize) {
    throw new DumpFormatError(
      'truncated-header',
      `The dump is truncated: its ${layout.width}-bit header needs ${layout.headerSize} bytes but the file has ${source.size}.`,
    );
  }
  const view = new ByteView(source.read(0, layout.headerSize));
  if (view.length < layout.headerSize) {
    throw new DumpFormatError(
      'truncated-header',
      `Could only read ${view.length} bytes of the ${layout.headerSize}-byte dump header.`,
    );
  }
  return decodeHeader(view, layout);
}

function decodeHeader(view: ByteView, layout: HeaderLayout): DumpHeader {
  const w = layout.width;
  // The header is fully present (checked by the caller), so these reads cannot be null.
  const u32 = (offset: number): number => view.u32(offset) ?? 0;
  const ptr = (offset: number): bigint => view.pointer(offset, w) ?? 0n;
  const [p1, p2, p3, p4] = layout.bugCheckParameters;
  const dumpTypeCode = u32(layout.dumpType);
  return {
    layout,
    view,
    majorVersion: u32(layout.majorVersion),
    minorVersion: u32(layout.minorVersion),
    directoryTableBase: ptr(layout.directoryTableBase),
    pfnDataBase: ptr(layout.pfnDataBase),
    psLoadedModuleList: ptr(layout.psLoadedModuleList),
    psActiveProcessHead: ptr(layout.psActiveProcessHead),
    machineImageType: u32(layout.machineImageType),
    numberProcessors: u32(layout.numberProcessors),
    bugCheckCode: u32(layout.bugCheckCode),
    bugCheckParameters: [ptr(p1), ptr(p2), ptr(p3), ptr(p4)],
    kdDebuggerDataBlock: ptr(layout.kdDebuggerDataBlock),
    paeEnabled: layout.paeEnabled === null ? null : (view.bytes[layout.paeEnabled] ?? 0) !== 0,
    dumpTypeCode,
    dumpType: DUMP_TYPE_NAMES[dumpTypeCode] ?? 'unknown',
    comment: readComment(view, layout.comment),
    systemTime: fileTimeToIso(view.u64(layout.systemTime)),
    systemUpTimeSeconds: upTimeSeconds(view.u64(layout.systemUpTime)),
  };
}

/** The comment is optional; unwritten header bytes are filled with `PAGE`. */
function readComment(view: ByteView, offset: number): string | null {
  if (view.u32(offset) === DUMP_SIGNATURE) return null;
  const text = view.ascii(offset, COMMENT_SIZE);
  return text ? text : null;
}

/** FILETIME (100 ns since 1601-01-01 UTC) → ISO string; null for absent or implausible values. */
export function fileTimeToIso(fileTime: bigint | null): string | null {
  if (fileTime === null || fileTime === 0n || fileTime === PAGE_FILL_64) return null;
  const ms = fileTime / 10_000n - 11_644_473_600_000n;
  // Between 1990 and 2200: anything else is filler or garbage, not a crash time.
  if (ms < 631_152_000_000n || ms > 7_258_118_400_000n) return null;
  return new Date(Number(ms)).toISOString();
}

/** SystemUpTime is in 100 ns units. */
function upTimeSeconds(value: bigint | null): number | null {
  if (value === null || value === PAGE_FILL_64) return null;
  const seconds = value / 10_000_000n;
  return seconds > 100n * 365n * 86_400n ? null : Number(seconds);
}

export function dumpTypeLabel(type: DumpTypeName): string {
  switch (type) {
    case 'full':
      return 'Complete memory dump';
    case 'summary':
      return 'Kernel memory dump';
    case 'header':
      return 'Header-only dump';
    case 'triage':
      return 'Small memory dump (triage)';
    case 'bitmap-full':
      return 'Complete memory dump (bitmap)';
    case 'bitmap-kernel':
      return 'Kernel memory dump (bitmap)';
    case 'automatic':
      return 'Automatic memory dump';
    case 'unknown':
      return 'Unknown dump type';
  }
}
