import type { Stack, StackFrame } from '../../../src-main/contract';

/** WinDbg prints 64-bit values as two backtick-separated halves; x86 stacks stay 8 digits. */
export function windbgHex(value: string | null, wide: boolean): string {
  if (value === null) return wide ? '-'.repeat(17) : '-'.repeat(8);
  const digits = value.replace(/^0x/, '');
  if (!wide) return digits.padStart(8, '0');
  const padded = digits.padStart(16, '0');
  return `${padded.slice(0, 8)}\`${padded.slice(8)}`;
}

/** True when any address of the stack needs more than 32 bits (an x64 / arm64 stack). */
export function isWide(stack: Pick<Stack, 'frames'>): boolean {
  return stack.frames.some((f) =>
    [f.parsed.childSp, f.parsed.retAddr, f.parsed.address, ...f.parsed.args].some((v) => v !== null && v.length > 10),
  );
}

/** `module!function+0xoffset` as WinDbg prints a call site; raw addresses keep the address. */
export function callSite(frame: StackFrame): string {
  const p = frame.parsed;
  if (p.inline && p.module === null) return p.raw.trim();
  if (p.module === null) return p.address ?? p.raw.trim();
  return `${p.module}${p.function === null ? '' : `!${p.function}`}${p.offset === null ? '' : `+${p.offset}`}`;
}

/** What DriverLab resolved that the paste did not print (module of a raw address, nearest export). */
export function resolvedHint(frame: StackFrame): string | null {
  const a = frame.annotation;
  const parts: string[] = [];
  if (a.resolvedFrom === 'modules' && a.module !== null) parts.push(`${a.module}+${a.offset ?? '0x0'}`);
  if (a.nearestExport) parts.push(`${a.nearestExport.name}+${a.nearestExport.displacement}`);
  return parts.length ? parts.join(' · ') : null;
}

/** The frames as WinDbg-like `kn` lines (with the resolved hints as comments), for the clipboard. */
export function stackAsText(stack: Pick<Stack, 'frames'>, frames: StackFrame[] = stack.frames): string {
  const wide = isWide(stack);
  const width = wide ? 17 : 8;
  const header = ` # ${'Child-SP'.padEnd(width)} ${'RetAddr'.padEnd(width)} Call Site`;
  const lines = frames.map((f) => {
    const hint = resolvedHint(f);
    const site = `${callSite(f)}${f.parsed.sourceFile ? ` [${f.parsed.sourceFile} @ ${f.parsed.sourceLine ?? '?'}]` : ''}`;
    return `${f.parsed.index.toString(16).padStart(2, '0')} ${windbgHex(f.parsed.childSp, wide)} ${windbgHex(f.parsed.retAddr, wide)} ${site}${hint ? `    ; ${hint}` : ''}`;
  });
  return `${[header, ...lines].join('\n')}\n`;
}

/** Whether a frame matches a search of the stack (call site, raw row, resolved names, note, tags). */
export function frameMatches(frame: StackFrame, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const haystack = [callSite(frame), frame.parsed.raw, resolvedHint(frame) ?? '', frame.note, ...frame.tags, frame.step?.functionName ?? '']
    .join('\n')
    .toLowerCase();
  return haystack.includes(q);
}

export type FrameRowItem =
  | { kind: 'frame'; frame: StackFrame }
  | { kind: 'dispatch'; start: number; frames: StackFrame[]; expanded: boolean };

/**
 * Runs of consecutive dispatch frames (KiPageFault … KeBugCheckEx) become one collapsible group; a run of one frame
 * stays a plain row. With a search, only matching frames are listed and groups holding a match open.
 */
export function frameRows(frames: StackFrame[], expanded: ReadonlySet<number>, query: string): FrameRowItem[] {
  const searching = query.trim() !== '';
  const rows: FrameRowItem[] = [];
  let run: StackFrame[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const start = run[0].position;
    if (run.length === 1 && !searching) rows.push({ kind: 'frame', frame: run[0] });
    else if (searching) for (const frame of run) rows.push({ kind: 'frame', frame });
    else rows.push({ kind: 'dispatch', start, frames: run, expanded: expanded.has(start) });
    run = [];
  };
  for (const frame of frames) {
    if (searching && !frameMatches(frame, query)) continue;
    if (frame.annotation.dispatch && !frame.annotation.faulting) run.push(frame);
    else {
      flush();
      rows.push({ kind: 'frame', frame });
    }
  }
  flush();
  return rows;
}

/** The frames a keyboard user can move through: those visible given the collapsed groups. */
export function visibleFrames(rows: FrameRowItem[]): StackFrame[] {
  return rows.flatMap((row) => (row.kind === 'frame' ? [row.frame] : row.expanded ? row.frames : []));
}
