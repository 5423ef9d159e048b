/**
 * Call stacks pasted from WinDbg / kd / BlueScreenView (GitHub issue 4): parse preview, stored stacks with annotated
 * frames, per-frame notes, tags and loader-step links.
 *
 * The `Parsed*` types are the stable JSON of `driverlab stack parse --json`; the parser in src-main/core/windbg
 * produces exactly them.
 */
import { method } from '../method';
import { s } from '../schema';

/*
 * The stable JSON shape of a parsed WinDbg / BlueScreenView paste (`driverlab stack parse FILE --json`).
 *
 * Number convention: every value that can exceed 2^53 (addresses, stack arguments, bug check codes and
 * parameters, offsets) is a lowercase `0x…` hex string holding the numeric value, with backticks removed
 * and leading zeros dropped (`00000000`00000002` → `0x2`, zero → `0x0`). x86 values keep their 32-bit
 * value (`8053cf20` → `0x8053cf20`); nothing is sign- or zero-extended. `null` means "absent from the paste".
 */

/** A bug check as the paste states it. */
export interface ParsedBugcheck {
  /** Bug check code, e.g. `0x3b`, `0x1000007e` (the `_M` variant keeps its 0x10000000 bit). */
  code: string;
  /** Symbolic name: the paste's own title/string when present, else the reference table's name, else null. */
  name: string | null;
  /** Exactly four parameters; a parameter the paste does not give is null. */
  params: [string | null, string | null, string | null, string | null];
}

/** The target's Windows version as far as the paste tells it. */
export interface ParsedOs {
  /** Build number, e.g. 19041. */
  build: number;
  /** Second component of the build lab string / fourth of `10.0.x.y` (UBR / QFE), e.g. 1928. */
  revision?: number;
  /** Branch tag, e.g. `vb_release`, `ni_release_svc_prod3`, `19h1_release`. */
  branch?: string;
  /** `x64`, `x86`, `arm64` or `arm`. */
  arch?: string;
  /** Full build lab string when printed, e.g. `22621.1928.amd64fre.ni_release_svc_prod3.230622-0951`. */
  buildLab?: string;
  /** Marketing name of the build from the DOMAIN.md build table, e.g. `Windows 11 22H2`. */
  release?: string;
  /** `Kernel base = 0x…` from the dump banner / vertarget. */
  kernelBase?: string;
  /** `PsLoadedModuleList = 0x…` from the dump banner / vertarget. */
  psLoadedModuleList?: string;
}

/** module!function+offset as a faulting location. */
export interface ParsedLocation {
  /** Module name as printed (`Driver`, `USBPORT`, `btrfs.sys`). */
  module: string;
  /** Function name, null for unsymbolized `module+0x…`. */
  function: string | null;
  /** Offset as `0x…`, null when absent. */
  offset: string | null;
}

/** One stack frame row (k, kn, kb, kv, kp, kP, kc, kf, STACK_TEXT, BlueScreenView-less). */
export interface ParsedFrame {
  /** Frame number as printed (hex in WinDbg, converted to a number), else the row's position in its stack. */
  index: number;
  /** Child-SP (x64) or ChildEBP (x86) as `0x…`; null for inline frames, kc rows and RetAddr-only layouts. */
  childSp: string | null;
  /** Return address as `0x…`; null for inline frames and kc rows. */
  retAddr: string | null;
  /** "Args to Child" values as `0x…` strings (kb/kv/STACK_TEXT); empty when the layout has none. */
  args: string[];
  /** Module of the call site; null when the call site is a bare address. */
  module: string | null;
  /** Function name without module, parameters or offset; null for `module+0x…` and bare addresses. */
  function: string | null;
  /** Offset after `+` as `0x…`; null when absent. */
  offset: string | null;
  /** True for `(Inline Function) --------`--------` rows. */
  inline: boolean;
  /** Source file from `[c:\path\file.c @ 1093]`, else null. */
  sourceFile: string | null;
  /** Source line from `[… @ 1093]`, else null. */
  sourceLine: number | null;
  /** The row as pasted (after Markdown unwrapping), for display and audit. */
  raw: string;
  /** Bare call-site address (`0x9fe4a8`, ``0x000001a2`bf16199c``) when the frame has no symbol; else null. */
  address: string | null;
  /** kp/kP typed parameter list text, e.g. `void * ProcessId = 0x…`; null when not printed. */
  params: string | null;
  /** kf "Memory" column (bytes between this frame and the previous one) as `0x…`, else null. */
  frameDistance: string | null;
  /** kv `(TrapFrame @ …)` address as `0x…`, else null. */
  trapFrame: string | null;
  /** kv FPO / calling-convention notes, e.g. `FPO: [Non-Fpo]`, `CONV: stdcall`. */
  notes: string[];
}

/** One `lm` row (any variant). */
export interface ParsedModule {
  /** Module name as printed by lm (`nt`, `ECHO`, `win32kbase`). */
  name: string;
  /** First address of the module, `0x…`. */
  start: string;
  /** First address past the module (lm's `end`), `0x…`. */
  end: string;
  /** TimeDateStamp as `0x…` when printed (lm t, lmv `Timestamp:`). */
  timestamp?: string;
  /** True when the "timestamp" is a reproducible-build file hash, not a time. */
  timestampIsHash?: boolean;
  /** True for session-space images (see `sessionSpace.ts` for the heuristic). */
  sessionSpace: boolean;
  /** Symbol status: `deferred`, `pdb symbols`, `private pdb symbols`, `export symbols`, `no symbols`, `invalid`, … */
  symbolStatus?: string;
  /** Symbol file path printed after the status. */
  symbolFile?: string;
  /** Image file name (lm n, lmv `Image name:`). */
  imageName?: string;
  /** Image path (lmv `Image path:`). */
  imagePath?: string;
  /** lmv `ImageSize:` as `0x…`. */
  imageSize?: string;
  /** lmv `CheckSum:` as `0x…`. */
  checksum?: string;
}

/** `Unloaded modules:` rows of lm. */
export interface ParsedUnloadedModule {
  name: string;
  start: string;
  end: string;
}

/** A diagnostic line the debugger printed (symbol problems, unwind warnings). Kept, never dropped. */
export interface ParsedWarning {
  /** `timestamp`, `checksum`, `symbols-not-loaded`, `symbol-file-not-found`, `image-not-loaded`, `unwind`, `page-not-present`, `other`. */
  kind: string;
  /** Module the warning names, when it names one. */
  module: string | null;
  /** The line as printed. */
  text: string;
  /** 1-based line number in the paste. */
  line: number;
}

/** A debugger command seen after a prompt (`0: kd> kv`). */
export interface ParsedCommand {
  /** Prompt as printed, e.g. `0: kd>`, `0:000>`. */
  prompt: string;
  /** Command text, e.g. `!analyze -v`. */
  text: string;
  /** 1-based line number. */
  line: number;
}

/** One stack listing found in the paste (a `k*` command output, STACK_TEXT, `Crashing Stack`, …). */
export interface ParsedStack {
  /** Where it came from: `STACK_TEXT`, the k command text (`kv`, `kn`), or `rows` when no header/command was seen. */
  source: string;
  /** 1-based line of the first row. */
  line: number;
  frames: ParsedFrame[];
  /** True when the listing was longer than the frame cap and was cut. */
  truncated: boolean;
}

/** Fields of `!analyze -v` (all generations). */
export interface ParsedAnalysis {
  /** `1` (2017–2019: BUGCHECK_STR/BUILD_VERSION_STRING), `2` (~2020+: KEY_VALUES_STRING/BUGCHECK_CODE), `3` (2023+: Failure.Bucket/Bugcheck.Code.* keys); null when undecidable. */
  generation: 1 | 2 | 3 | null;
  failureBucketId: string | null;
  symbolName: string | null;
  moduleName: string | null;
  imageName: string | null;
  /** FAULTING_IP symbol line, e.g. `USBPORT!USBPORT_BadRequestFlush+7c`. */
  faultingIp: string | null;
  buildLab: string | null;
  /** `Key : … / Value: …` pairs of KEY_VALUES_STRING in order of appearance. */
  keyValues: Record<string, string>;
  /** Every other `FIELD: value` line, first value wins (e.g. BUGCHECK_STR, DEFAULT_BUCKET_ID, OS_VERSION, OSNAME). */
  fields: Record<string, string>;
  /** Description text under the title line. */
  description: string[];
  /** `ArgN:` descriptions, index 0..3 (text after the comma, continuation lines joined with a space). */
  argDescriptions: (string | null)[];
}

/** BlueScreenView report fields (one report; the first one in the paste). */
export interface ParsedBlueScreenView {
  /** Field label (lowercased, single-spaced) → value as printed. */
  fields: Record<string, string>;
}

export interface ParsedPaste {
  bugcheck: ParsedBugcheck | null;
  os: ParsedOs | null;
  /** PROCESS_NAME of !analyze. */
  process: string | null;
  faulting: ParsedLocation | null;
  /** BlueScreenView "Caused by driver", else IMAGE_NAME, else MODULE_NAME, else the first non-Microsoft frame's module. */
  causedBy: string | null;
  /** The primary stack: STACK_TEXT when present, else the first stack listing. */
  frames: ParsedFrame[];
  modules: ParsedModule[];
  /** Non-blank lines nobody understood, in order, capped at {@link UNPARSED_LIMIT} (see `unparsedOmitted`). */
  unparsed: string[];
  /** Extras beyond the stable core. */
  analysis: ParsedAnalysis | null;
  blueScreenView: ParsedBlueScreenView | null;
  stacks: ParsedStack[];
  unloadedModules: ParsedUnloadedModule[];
  warnings: ParsedWarning[];
  commands: ParsedCommand[];
  /** How many unparsed lines were left out because of the cap. */
  unparsedOmitted: number;
  /** Limits hit while parsing (input cut, frame cap, …), in plain words. */
  limits: string[];
  /** `# source:` header lines at the top of the paste (fixture metadata), without the prefix. */
  sources: string[];
}

export const STACK_SOURCE_KINDS = ['paste', 'dump', 'file'] as const;
export type StackSourceKind = (typeof STACK_SOURCE_KINDS)[number];

/** Largest paste accepted (characters); the parser itself cuts at the same size. */
export const STACK_TEXT_MAX = 16 * 1024 * 1024;

/** One row of the Stacks list. */
export interface StackSummary {
  id: number;
  title: string;
  bugcheckCode: string | null;
  /** From the reference table (including `_M` variants), else the name the paste printed. */
  bugcheckName: string | null;
  osBuild: number | null;
  osRevision: number | null;
  process: string | null;
  causedBy: string | null;
  frameCount: number;
  experimentId: number | null;
  experimentTitle: string | null;
  dumpId: number | null;
  sourceKind: StackSourceKind;
  createdAt: string;
  updatedAt: string;
}

export interface BugcheckParameter {
  /** `0x…`, null when the paste did not give it. */
  value: string | null;
  /** Documented meaning of the parameter for this code, null where undocumented or reserved. */
  meaning: string | null;
}

export interface StackBugcheck {
  code: string;
  name: string | null;
  /** One-sentence description of the code, when documented. */
  summary: string | null;
  params: [BugcheckParameter, BugcheckParameter, BugcheckParameter, BugcheckParameter];
}

/** What DriverLab worked out about a frame beyond what the paste printed. */
export interface FrameAnnotationInfo {
  /** Module after resolution (printed, or found in the lm list / the notebook's drivers from a raw address). */
  module: string | null;
  offset: string | null;
  resolvedFrom: 'symbol' | 'modules' | null;
  /** Nearest export at or before the offset in a driver image stored in the notebook. */
  nearestExport: { driver: string; name: string; displacement: string } | null;
  microsoft: boolean;
  /** Bug-check / trap / exception-dispatch frame (KiPageFault … KeBugCheckEx). */
  dispatch: boolean;
  faulting: boolean;
  firstNonMicrosoft: boolean;
}

export interface StackFrame {
  /** 0-based position in the stack (what `frames.annotate` takes). */
  position: number;
  parsed: ParsedFrame;
  annotation: FrameAnnotationInfo;
  /** The user's Markdown note. */
  note: string;
  tags: string[];
  /** Loader step this frame is linked to (a step of `loader.paths`). */
  stepId: number | null;
  /** Title and function of that step, for display without another call. */
  step: { id: number; functionName: string; title: string } | null;
}

export interface Stack extends StackSummary {
  bugcheck: StackBugcheck | null;
  os: ParsedOs | null;
  faulting: ParsedLocation | null;
  frames: StackFrame[];
  faultingPosition: number | null;
  firstNonMicrosoftPosition: number | null;
  modules: ParsedModule[];
  /** Lines nobody understood: shown, never dropped. */
  unparsed: string[];
  unparsedOmitted: number;
  warnings: ParsedWarning[];
  limits: string[];
  /** How many other stack listings the paste held besides the primary one. */
  otherStacks: number;
  /** Size of the stored source text in characters. */
  sourceChars: number;
}

const id = s.int({ min: 1 });
const stackText = s.string({ max: STACK_TEXT_MAX });
const title = s.string({ max: 200, trim: true });

export const stacksMethods = {
  'stacks.parse': method<ParsedPaste>()(
    'Parse a WinDbg / kd / BlueScreenView paste without storing it (the preview)',
    s.object({ text: stackText }),
  ),
  'stacks.create': method<Stack>()(
    'Parse and store a pasted stack, alone or in an experiment',
    s.object({
      text: stackText,
      title: s.optional(title),
      experimentId: s.optional(s.nullable(id)),
      sourceKind: s.optional(s.oneOf(['paste', 'file'] as const)),
    }),
  ),
  'stacks.list': method<StackSummary[]>()(
    'Stored stacks, newest first',
    s.object({ search: s.optional(s.string({ max: 200 })), experimentId: s.optional(id) }),
  ),
  'stacks.get': method<Stack>()('One stack with annotated frames, modules and unparsed lines', s.object({ id })),
  'stacks.update': method<Stack>()(
    'Rename a stack or move it to / out of an experiment',
    s.object({ id, title: s.optional(s.string({ min: 1, max: 200, trim: true })), experimentId: s.optional(s.nullable(id)) }),
  ),
  'stacks.delete': method<Stack>()('Delete a stack; the response is what was deleted', s.object({ id })),
  'frames.annotate': method<StackFrame>()(
    'Set the note, tags or loader-step link of one frame',
    s.object({
      stackId: id,
      position: s.int({ min: 0 }),
      note: s.optional(s.string({ max: 200_000 })),
      tags: s.optional(s.array(s.string({ min: 1, max: 60, trim: true }), { max: 50 })),
      stepId: s.optional(s.nullable(id)),
    }),
  ),
};
