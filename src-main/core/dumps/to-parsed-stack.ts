/**
 * Turns what the dump reader found into the shape the WinDbg paste parser produces (ParsedPaste), so a crash dump's
 * stack is stored, listed and annotated exactly like a pasted one (stacks table, sourceKind 'dump').
 *
 * Frames are written the way BlueScreenView prints them, `amdppm.sys+0x334c`, followed by the address in WinDbg's
 * backtick notation, so the stored text can be compared with a paste by eye.
 */
import { describeBuild } from '../reference/windows-builds';
import { SESSION_IMAGES } from '../windbg/sessionSpace';
import type { ParsedFrame, ParsedModule, ParsedPaste } from '../windbg/types';
import type { DumpDriver, DumpFrame, DumpReport } from './dump-report';

/** Kernel and HAL image names: a 4 GiB region holding one of them is not session space (see markSessionDrivers). */
const CORE_IMAGE = /^(nt\w*|hal\w*)\.(exe|dll)$/i;

function imageStem(name: string): string {
  return name.toLowerCase().replace(/\.(sys|dll|exe)$/, '');
}

function region(address: string): bigint {
  return BigInt(address) >> 32n;
}

/**
 * Which loaded drivers are session-space images, by the heuristic of windbg/sessionSpace.ts (DOMAIN.md "Load methods
 * and contexts"): win32k*.sys, cdd.dll and tsddd.dll by name, plus any other image in the same 4 GiB region as one of
 * them unless that region also holds the kernel or the HAL (always so on x86, where the name rule is all we have).
 * That second rule is what flags a third-party driver loaded into session space next to win32k.
 */
export function markSessionDrivers(drivers: readonly DumpDriver[]): boolean[] {
  const sessionRegions = new Set<bigint>();
  const coreRegions = new Set<bigint>();
  const named = drivers.map((driver) => SESSION_IMAGES.has(imageStem(driver.name)));
  drivers.forEach((driver, index) => {
    if (named[index]) sessionRegions.add(region(driver.base));
    if (CORE_IMAGE.test(driver.name)) coreRegions.add(region(driver.base));
  });
  for (const core of coreRegions) sessionRegions.delete(core);
  return drivers.map((driver, index) => named[index] || sessionRegions.has(region(driver.base)));
}

/** `fffff807`1234334c` (64-bit) or `8053cf20` (32-bit): how WinDbg and BlueScreenView print addresses. */
export function windbgAddress(hex: string, pointerSize: 4 | 8): string {
  const digits = BigInt(hex)
    .toString(16)
    .padStart(pointerSize * 2, '0');
  return pointerSize === 8 ? `${digits.slice(0, 8)}\`${digits.slice(8)}` : digits;
}

/** One frame as text: `amdppm.sys+0x334c (fffff807`1234334c)`, or the bare address outside every module. */
export function frameText(frame: DumpFrame, pointerSize: 4 | 8): string {
  const address = windbgAddress(frame.address, pointerSize);
  return frame.module ? `${frame.module}+${frame.offset ?? '0x0'} (${address})` : address;
}

function frameNote(frame: DumpFrame): string {
  if (frame.source === 'context') return 'instruction pointer of the crashing context';
  if (frame.source === 'bugcheck-parameter') return 'address from a bug check parameter';
  return frame.stackAddress ? `value on the stack at ${frame.stackAddress}` : 'value on the stack';
}

function toFrame(frame: DumpFrame, index: number, pointerSize: 4 | 8): ParsedFrame {
  return {
    index,
    // The reader scans the stack for values inside modules: it knows neither frame boundaries nor return slots.
    childSp: null,
    retAddr: null,
    args: [],
    module: frame.module,
    function: null,
    offset: frame.offset,
    inline: false,
    sourceFile: null,
    sourceLine: null,
    raw: frameText(frame, pointerSize),
    address: frame.module ? null : frame.address,
    params: null,
    frameDistance: null,
    trapFrame: null,
    notes: [frameNote(frame)],
  };
}

function toModule(driver: DumpDriver, sessionSpace: boolean): ParsedModule {
  return {
    name: driver.name,
    start: driver.base,
    end: driver.end,
    timestamp: `0x${driver.timeDateStamp.toString(16)}`,
    sessionSpace,
    imageName: driver.name,
    imagePath: driver.path,
    imageSize: `0x${driver.size.toString(16)}`,
  };
}

/**
 * The stack's stored source text: the bug check as WinDbg's `.bugcheck` prints it (so the paste parser reads it back),
 * the culprit, then one frame a line.
 */
export function dumpStackText(report: DumpReport): string {
  const { bugcheck, pointerSize } = report;
  const lines = [
    `Bugcheck code ${BigInt(bugcheck.code).toString(16).toUpperCase().padStart(8, '0')}`,
    `Arguments ${bugcheck.params.map((p) => windbgAddress(p, pointerSize)).join(' ')}`,
  ];
  if (report.causedBy)
    lines.push(`Probably caused by : ${report.causedBy.module}+${report.causedBy.offset} (${report.causedBy.reason})`);
  lines.push('');
  for (const frame of report.frames) lines.push(frameText(frame, report.pointerSize));
  return `${lines.join('\n')}\n`;
}

/** The dump report as a parsed stack; pairs with dumpStackText (frame rows start on the line given in `stacks`). */
export function dumpToParsedStack(report: DumpReport): ParsedPaste {
  const known = describeBuild(report.build);
  const sessions = markSessionDrivers(report.drivers);
  const frames = report.frames.map((frame, index) => toFrame(frame, index, report.pointerSize));
  const first = report.frames[0];
  const firstRow = report.causedBy ? 5 : 4;
  return {
    bugcheck: { code: report.bugcheck.code, name: report.bugcheck.name, params: [...report.bugcheck.params] },
    os: {
      build: report.build,
      ...(report.machine !== 'unknown' ? { arch: report.machine } : {}),
      ...(known ? { release: `${known.name} ${known.release}` } : {}),
      ...(known?.branch ? { branch: known.branch } : {}),
      ...(report.kernelBase ? { kernelBase: report.kernelBase } : {}),
      psLoadedModuleList: report.psLoadedModuleList,
    },
    process: null,
    faulting:
      first && first.source !== 'stack' && first.module ? { module: first.module, function: null, offset: first.offset } : null,
    causedBy: report.causedBy?.module ?? null,
    frames,
    modules: report.drivers.map((driver, index) => toModule(driver, sessions[index])),
    unparsed: [],
    analysis: null,
    blueScreenView: null,
    stacks: frames.length ? [{ source: 'crash dump', line: firstRow, frames, truncated: false }] : [],
    unloadedModules: report.unloadedDrivers.map((d) => ({ name: d.name, start: d.start, end: d.end })),
    warnings: [],
    commands: [],
    unparsedOmitted: 0,
    // What the reader could not read makes the stack partial: the same meaning as the parser's limits.
    limits: [...report.warnings],
    sources: report.file ? [`crash dump ${report.file.split(/[\\/]/).pop() ?? report.file}`] : [],
  };
}
