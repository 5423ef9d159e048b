/**
 * Call stacks pasted from WinDbg / kd / BlueScreenView (GitHub issue 4): parse preview, stored stacks with annotated
 * frames, per-frame notes, tags and loader-step links.
 *
 * The `Parsed*` types mirror src-main/core/windbg/types.ts field for field (the contract imports nothing, so they are
 * restated here); core assigns its parser's output to them, so the compiler catches any drift.
 */
import { method } from '../method';
import { s } from '../schema';

export interface ParsedBugcheck {
  code: string;
  name: string | null;
  params: [string | null, string | null, string | null, string | null];
}

export interface ParsedOs {
  build: number;
  revision?: number;
  branch?: string;
  arch?: string;
  buildLab?: string;
  release?: string;
  kernelBase?: string;
  psLoadedModuleList?: string;
}

export interface ParsedLocation {
  module: string;
  function: string | null;
  offset: string | null;
}

export interface ParsedFrame {
  index: number;
  childSp: string | null;
  retAddr: string | null;
  args: string[];
  module: string | null;
  function: string | null;
  offset: string | null;
  inline: boolean;
  sourceFile: string | null;
  sourceLine: number | null;
  raw: string;
  address: string | null;
  params: string | null;
  frameDistance: string | null;
  trapFrame: string | null;
  notes: string[];
}

export interface ParsedModule {
  name: string;
  start: string;
  end: string;
  timestamp?: string;
  timestampIsHash?: boolean;
  sessionSpace: boolean;
  symbolStatus?: string;
  symbolFile?: string;
  imageName?: string;
  imagePath?: string;
  imageSize?: string;
  checksum?: string;
}

export interface ParsedUnloadedModule {
  name: string;
  start: string;
  end: string;
}

export interface ParsedWarning {
  kind: string;
  module: string | null;
  text: string;
  line: number;
}

export interface ParsedCommand {
  prompt: string;
  text: string;
  line: number;
}

export interface ParsedStack {
  source: string;
  line: number;
  frames: ParsedFrame[];
  truncated: boolean;
}

export interface ParsedAnalysis {
  generation: 1 | 2 | 3 | null;
  failureBucketId: string | null;
  symbolName: string | null;
  moduleName: string | null;
  imageName: string | null;
  faultingIp: string | null;
  buildLab: string | null;
  keyValues: Record<string, string>;
  fields: Record<string, string>;
  description: string[];
  argDescriptions: (string | null)[];
}

export interface ParsedBlueScreenView {
  fields: Record<string, string>;
}

/** Exactly what `driverlab stack parse FILE --json` prints. */
export interface ParsedPaste {
  bugcheck: ParsedBugcheck | null;
  os: ParsedOs | null;
  process: string | null;
  faulting: ParsedLocation | null;
  causedBy: string | null;
  frames: ParsedFrame[];
  modules: ParsedModule[];
  unparsed: string[];
  analysis: ParsedAnalysis | null;
  blueScreenView: ParsedBlueScreenView | null;
  stacks: ParsedStack[];
  unloadedModules: ParsedUnloadedModule[];
  warnings: ParsedWarning[];
  commands: ParsedCommand[];
  unparsedOmitted: number;
  limits: string[];
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
