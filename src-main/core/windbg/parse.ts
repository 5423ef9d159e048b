/**
 * `parseDebuggerText`: one pass over a pasted WinDbg / kd / BlueScreenView text, linear in its size.
 * Every non-blank line is either understood (and reflected in the result) or listed in `unparsed`.
 */
import { bugcheckName } from '../reference/bugchecks';
import { normalizeHex } from './hex';
import { parseCallSite } from './callsite';
import { preprocess } from './preprocess';
import { DEFAULT_LAYOUT, parseStackHeader, parseStackRow, type StackLayout } from './stackRow';
import { applyModuleDetail, isModuleHeader, parseModuleRow, parseUnloadedRow } from './moduleRow';
import { markSessionSpace } from './sessionSpace';
import { OsCollector } from './osInfo';
import { parseBlueScreenViewRow } from './bluescreenview';
import { isBoilerplate, isRegisterOrDisassembly, isThreadHeader, matchPrompt, matchWarning } from './lineKinds';
import { findFaultingIndex, firstNonMicrosoftModule } from './frameRoles';
import {
  UNPARSED_LIMIT,
  type ParsedAnalysis,
  type ParsedBugcheck,
  type ParsedFrame,
  type ParsedLocation,
  type ParsedModule,
  type ParsedPaste,
  type ParsedStack,
} from './types';

/** Most frames kept over all stacks of one paste. */
export const MAX_FRAMES = 20_000;
/** Most lm rows kept. */
export const MAX_MODULES = 10_000;
/** Most warnings / commands kept. */
export const MAX_DIAGNOSTICS = 2_000;
/** Most lines of one multi-line !analyze section (TRAP_FRAME, CONTEXT, …). */
const MAX_SECTION_LINES = 200;

/** !analyze fields whose value continues on the following lines until a blank line. */
const BLOCK_FIELDS = new Set([
  'TRAP_FRAME', 'CONTEXT', 'EXCEPTION_RECORD', 'FOLLOWUP_IP', 'FAULTING_IP', 'LAST_CONTROL_TRANSFER',
  'CHKIMG_EXTENSION', 'MISALIGNED_IP', 'FAILED_INSTRUCTION_ADDRESS', 'CONTEXT_RECORD', 'EXCEPTION_RECORD_ADDRESS',
  'BAD_PAGES_DETECTED', 'IP_IN_FREE_BLOCK',
]);

type Mode = 'none' | 'stack' | 'symerrors' | 'modules' | 'unloaded' | 'title' | 'args' | 'section' | 'keyvalues';

function emptyAnalysis(): ParsedAnalysis {
  return {
    generation: null,
    failureBucketId: null,
    symbolName: null,
    moduleName: null,
    imageName: null,
    faultingIp: null,
    buildLab: null,
    keyValues: {},
    fields: {},
    description: [],
    argDescriptions: [null, null, null, null],
  };
}

/** `Driver+1d1e`, `USBPORT!USBPORT_BadRequestFlush+7c`, `btrfs.sys+43808` → location (hex offsets without 0x). */
function parseSymbolLocation(text: string): ParsedLocation | null {
  const t = text.trim();
  if (t === '' || /\s/.test(t.replace(/\s*\[.*$/, ''))) return null;
  const site = parseCallSite(t);
  if (site.module === null) return null;
  return { module: site.module, function: site.function, offset: site.offset };
}

/** The k command of a command line (`kv`, `~*k`, or the last part of `.thread …; kb`), else null. */
function kCommandOf(command: string): string | null {
  for (const part of command.split(';').reverse()) {
    const p = part.trim();
    if (/^(?:~[\d*.#]*\s*)?k[bpPvcnfLMd]*(?:\s|$)/.test(p) || /^!crash\b/.test(p)) return p;
  }
  return null;
}

function isKCommand(command: string): boolean {
  return kCommandOf(command) !== null;
}

export function parseDebuggerText(text: string): ParsedPaste {
  const pre = preprocess(typeof text === 'string' ? text : '');
  const result: ParsedPaste = {
    bugcheck: null,
    os: null,
    process: null,
    faulting: null,
    causedBy: null,
    frames: [],
    modules: [],
    unparsed: [],
    analysis: null,
    blueScreenView: null,
    stacks: [],
    unloadedModules: [],
    warnings: [],
    commands: [],
    unparsedOmitted: 0,
    limits: [...pre.limits],
    sources: pre.sources,
  };
  const os = new OsCollector();
  let analysis: ParsedAnalysis | null = null;
  const bsv: Record<string, string> = {};
  let bsvSeen = false;

  let code: string | null = null;
  let titleName: string | null = null;
  const params: (string | null)[] = [null, null, null, null];

  // Held in an object so the helper closures' writes are visible to TypeScript's flow analysis.
  const st: { mode: Mode; stack: ParsedStack | null } = { mode: 'none', stack: null };
  let layout: StackLayout = DEFAULT_LAYOUT;
  let pendingStackSource: string | null = null;
  let pendingLayout: StackLayout | null = null;
  let currentCommand: string | null = null;
  let lastModule: ParsedModule | null = null;
  const moduleIndex = new Map<string, ParsedModule>();
  let sectionKey: string | null = null;
  let sectionLines = 0;
  let pendingKey: string | null = null;
  let lastArg = -1;
  let totalFrames = 0;
  let frameCapNoted = false;
  let expectFatalParams = false;
  /** kd's banner when a dump is opened: `Probably caused by : injdrv.sys ( injdrv+1772 )`. */
  let probablyCausedBy: string | null = null;

  const ensureAnalysis = (): ParsedAnalysis => {
    if (analysis === null) analysis = emptyAnalysis();
    return analysis;
  };
  const addUnparsed = (t: string): void => {
    if (result.unparsed.length < UNPARSED_LIMIT) result.unparsed.push(t);
    else result.unparsedOmitted++;
  };
  const endStack = (): void => {
    st.stack = null;
    if (st.mode === 'stack') st.mode = 'none';
  };
  const startStack = (source: string, line: number, lay: StackLayout): void => {
    st.stack = { source, line, frames: [], truncated: false };
    result.stacks.push(st.stack);
    layout = lay;
    st.mode = 'stack';
    pendingStackSource = null;
    pendingLayout = null;
  };
  const pushFrame = (frame: ParsedFrame): void => {
    if (st.stack === null) return;
    if (totalFrames >= MAX_FRAMES) {
      st.stack.truncated = true;
      if (!frameCapNoted) {
        result.limits.push(`only the first ${MAX_FRAMES} frames were kept`);
        frameCapNoted = true;
      }
      return;
    }
    st.stack.frames.push(frame);
    totalFrames++;
  };
  const setCode = (raw: string): void => {
    const c = normalizeHex(raw);
    if (c !== null && code === null) code = c;
  };
  const setParam = (i: number, raw: string): void => {
    if (i < 0 || i > 3) return;
    const v = normalizeHex(raw);
    if (v !== null && params[i] === null) params[i] = v;
  };

  for (const cl of pre.lines) {
    if (cl.markup) continue;
    const t = cl.text;
    const trimmed = t.trim();

    if (trimmed === '') {
      // A blank line closes whatever multi-line construct was open.
      if (st.mode === 'stack' && st.stack !== null && st.stack.frames.length === 0 && st.stack.source === 'STACK_TEXT') continue;
      endStack();
      if (st.mode === 'section' || st.mode === 'title' || st.mode === 'args' || st.mode === 'modules' || st.mode === 'unloaded' || st.mode === 'symerrors') {
        st.mode = 'none';
      }
      sectionKey = null;
      continue;
    }

    // Prompts start a new command's output.
    const prompt = matchPrompt(t);
    if (prompt !== null) {
      endStack();
      st.mode = 'none';
      currentCommand = prompt.command;
      if (result.commands.length < MAX_DIAGNOSTICS) {
        result.commands.push({ prompt: prompt.prompt, text: prompt.command, line: cl.line });
      }
      const kCommand = kCommandOf(prompt.command);
      if (kCommand !== null) {
        pendingStackSource = kCommand.split(/\s+/)[0];
        const flags = /^(?:~[\d*.#]*\s*)?k([a-zA-Z]*)/.exec(kCommand)?.[1] ?? '';
        pendingLayout = {
          numbered: flags.includes('n'),
          memory: flags.includes('f'),
          clean: flags.includes('c'),
          noChildSp: false,
        };
      } else if (/^lm/.test(prompt.command)) {
        st.mode = 'modules';
      }
      continue;
    }

    const warning = matchWarning(trimmed);
    if (warning !== null) {
      if (result.warnings.length < MAX_DIAGNOSTICS) {
        result.warnings.push({ kind: warning.kind, module: warning.module, text: trimmed, line: cl.line });
      }
      continue;
    }

    const header = parseStackHeader(trimmed);
    if (header !== null) {
      const source = pendingStackSource ?? (currentCommand !== null && isKCommand(currentCommand) ? currentCommand.split(/\s+/)[0] : 'rows');
      const merged: StackLayout = pendingLayout
        ? { ...header, numbered: header.numbered || pendingLayout.numbered, clean: header.clean || pendingLayout.clean }
        : header;
      startStack(source, cl.line, merged);
      continue;
    }

    if (/^STACK_TEXT:/.test(trimmed)) {
      startStack('STACK_TEXT', cl.line, DEFAULT_LAYOUT);
      ensureAnalysis();
      continue;
    }

    if (st.mode === 'stack' && st.stack !== null) {
      const frame = parseStackRow(t, layout, st.stack.frames.length, false);
      if (frame !== null) {
        pushFrame(frame);
        continue;
      }
      if (/^\s*(?:\.\.\.|…)\s*$/.test(t)) {
        addUnparsed(trimmed);
        continue;
      }
      endStack();
    }

    // A k command whose output had no header line (kc without `#`, or a header lost in the paste).
    if (pendingStackSource !== null && pendingLayout !== null) {
      const frame = parseStackRow(t, pendingLayout, 0, !pendingLayout.clean && !pendingLayout.numbered);
      if (frame !== null) {
        startStack(pendingStackSource, cl.line, pendingLayout);
        pushFrame(frame);
        continue;
      }
    }

    if (/^Unloaded modules:$/.test(trimmed)) {
      st.mode = 'unloaded';
      continue;
    }
    if (/Symbol Loading Error Summary/.test(trimmed)) {
      st.mode = 'symerrors';
      continue;
    }
    if (st.mode === 'symerrors') {
      const se = /^(\S+)\s{2,}(.+)$/.exec(trimmed);
      if (/^Module name\s+Error$/.test(trimmed)) continue;
      if (se !== null) {
        if (result.warnings.length < MAX_DIAGNOSTICS) {
          result.warnings.push({ kind: 'symbol-load-error', module: se[1], text: trimmed, line: cl.line });
        }
        continue;
      }
      st.mode = 'none';
    }
    if (isModuleHeader(trimmed)) {
      st.mode = 'modules';
      lastModule = null;
      continue;
    }
    if (st.mode === 'modules' || st.mode === 'unloaded') {
      if (/^Unloaded modules:$/.test(trimmed)) {
        st.mode = 'unloaded';
        continue;
      }
      if (st.mode === 'unloaded') {
        const u = parseUnloadedRow(t);
        if (u !== null) {
          if (result.unloadedModules.length < MAX_MODULES) result.unloadedModules.push(u);
          continue;
        }
      } else {
        const mod = parseModuleRow(t);
        if (mod !== null) {
          // The same module listed again (`lm` then `lm sm`, or `lmvm x` after `lm`) is merged, not duplicated.
          const key = `${mod.name.toLowerCase()}@${mod.start}`;
          const seen = moduleIndex.get(key);
          if (seen !== undefined) {
            Object.assign(seen, { ...mod, ...seen });
            lastModule = seen;
          } else if (result.modules.length < MAX_MODULES) {
            result.modules.push(mod);
            moduleIndex.set(key, mod);
            lastModule = mod;
          } else {
            if (!result.limits.includes('module list cut')) result.limits.push('module list cut');
            lastModule = null;
          }
          continue;
        }
        if (lastModule !== null && /^\s/.test(t) && applyModuleDetail(t, lastModule)) continue;
        if (/^\s*(?:\.\.\.|…)\s*$/.test(t)) {
          addUnparsed(trimmed);
          continue;
        }
      }
      st.mode = 'none';
    }

    // ---- !analyze ----
    if (/^\s*Bugcheck Analysis\s*$|^\*\s+Bugcheck Analysis\s+\*$/.test(trimmed)) {
      ensureAnalysis();
      continue;
    }
    const title = /^([A-Z][A-Z0-9_]{3,}) \(([0-9a-fA-F]{1,8})\)$/.exec(trimmed) ?? /^(Unknown bugcheck code) \(([0-9a-fA-F]{1,8})\)$/.exec(trimmed);
    if (title !== null) {
      ensureAnalysis();
      if (code === null) {
        code = normalizeHex(title[2]);
        titleName = title[1] === 'Unknown bugcheck code' ? null : title[1];
      }
      st.mode = 'title';
      continue;
    }
    const arg = /^Arg([1-4]): ([0-9a-fA-F`]+)(?:,\s*(.*))?$/.exec(trimmed);
    if (arg !== null) {
      const a = ensureAnalysis();
      const i = Number(arg[1]) - 1;
      setParam(i, arg[2]);
      if (arg[3] !== undefined && a.argDescriptions[i] === null) a.argDescriptions[i] = arg[3];
      lastArg = i;
      st.mode = 'args';
      continue;
    }
    if (st.mode === 'args' && /^\s/.test(t) && lastArg >= 0 && analysis !== null) {
      const a: ParsedAnalysis = analysis;
      const prev = a.argDescriptions[lastArg];
      a.argDescriptions[lastArg] = prev === null ? trimmed : `${prev} ${trimmed}`;
      continue;
    }
    if (/^Arguments:$/.test(trimmed) && (st.mode === 'title' || analysis !== null)) {
      st.mode = 'args';
      continue;
    }
    if (st.mode === 'title' && analysis !== null && !/^[A-Z][A-Z0-9_]{2,}:/.test(trimmed)) {
      (analysis as ParsedAnalysis).description.push(trimmed);
      continue;
    }

    const keyLine = /^Key\s*:\s*(.+)$/.exec(trimmed);
    if (keyLine !== null) {
      ensureAnalysis();
      pendingKey = keyLine[1].trim();
      st.mode = 'keyvalues';
      continue;
    }
    const valueLine = /^Value\s*:\s*(.*)$/.exec(trimmed);
    if (valueLine !== null && pendingKey !== null) {
      const a = ensureAnalysis();
      if (!(pendingKey in a.keyValues)) a.keyValues[pendingKey] = valueLine[1].trim();
      pendingKey = null;
      continue;
    }

    if (st.mode === 'section' && sectionKey !== null) {
      // Body of TRAP_FRAME / CONTEXT / EXCEPTION_RECORD / FAULTING_IP …: registers, disassembly, notes.
      const a = ensureAnalysis();
      if (sectionKey === 'FAULTING_IP' && a.faultingIp === null && sectionLines === 0 && /^[^\s:]+$/.test(trimmed.replace(/:$/, ''))) {
        a.faultingIp = trimmed.replace(/:$/, '');
      }
      sectionLines++;
      if (sectionLines <= MAX_SECTION_LINES) continue;
      st.mode = 'none';
      sectionKey = null;
    }

    const field = /^([A-Z][A-Z0-9_]{2,}(?:_[A-Za-z0-9]+)*):\s*(.*)$/.exec(trimmed);
    if (field !== null && !/^(?:WARNING|ERROR|NOTE)$/.test(field[1])) {
      const a = ensureAnalysis();
      const key = field[1];
      const value = field[2].trim();
      if (!(key in a.fields)) a.fields[key] = value;
      switch (key) {
        case 'BUGCHECK_CODE':
          setCode(value);
          break;
        case 'BUGCHECK_P1':
        case 'BUGCHECK_P2':
        case 'BUGCHECK_P3':
        case 'BUGCHECK_P4':
          setParam(Number(key.slice(-1)) - 1, value);
          break;
        case 'PROCESS_NAME':
          if (result.process === null && value !== '') result.process = value;
          break;
        case 'SYMBOL_NAME':
          if (a.symbolName === null) a.symbolName = value;
          break;
        case 'MODULE_NAME':
          if (a.moduleName === null) a.moduleName = value;
          break;
        case 'IMAGE_NAME':
          if (a.imageName === null) a.imageName = value;
          break;
        case 'FAILURE_BUCKET_ID':
          if (a.failureBucketId === null) a.failureBucketId = value;
          break;
        case 'BUILD_VERSION_STRING':
          os.buildLab(value);
          if (a.buildLab === null) a.buildLab = value;
          break;
        case 'BUILDLAB_STR':
          os.branch(value);
          if (a.buildLab === null) a.buildLab = value;
          break;
        case 'OS_VERSION':
          os.version(value);
          break;
        case 'OSPLATFORM_TYPE':
          os.arch(value);
          break;
        default:
          break;
      }
      if (BLOCK_FIELDS.has(key)) {
        st.mode = 'section';
        sectionKey = key;
        sectionLines = 0;
        if (key === 'FAULTING_IP' && value !== '' && a.faultingIp === null) a.faultingIp = value;
      }
      continue;
    }

    // ---- banners, vertarget ----
    if (os.kernelLine(trimmed) || os.kernelBase(trimmed)) continue;
    const lab = /^(?:Built by|Edition build lab):\s*(\S+)/.exec(trimmed);
    if (lab !== null) {
      os.buildLab(lab[1]);
      continue;
    }

    // ---- .bugcheck, kd's fatal-error banner, MEX !di ----
    const dotBug = /^Bugcheck code ([0-9a-fA-F]{1,8})$/.exec(trimmed);
    if (dotBug !== null) {
      setCode(dotBug[1]);
      continue;
    }
    const dotArgs = /^Arguments ((?:[0-9a-fA-F`]+\s*){1,4})$/.exec(trimmed);
    if (dotArgs !== null) {
      dotArgs[1].trim().split(/\s+/).forEach((v, i) => setParam(i, v));
      continue;
    }
    const fatal = /^\*\*\* Fatal System Error: (0x[0-9a-fA-F]+)$/.exec(trimmed);
    if (fatal !== null) {
      setCode(fatal[1]);
      expectFatalParams = true;
      continue;
    }
    if (expectFatalParams) {
      expectFatalParams = false;
      const fp = /^\(([^)]*)\)$/.exec(trimmed);
      if (fp !== null) {
        fp[1].split(',').forEach((v, i) => setParam(i, v.trim()));
        continue;
      }
    }
    // kd's banner when a dump is opened: `BugCheck 7E, {ffffffffc0000005, fffff805…, …}`.
    const banner = /^BugCheck ([0-9a-fA-F]{1,8}), \{([^}]*)\}$/.exec(trimmed);
    if (banner !== null) {
      setCode(banner[1]);
      banner[2].split(',').forEach((v, i) => setParam(i, v.trim()));
      continue;
    }
    const probably = /^Probably caused by\s*:\s*(\S+)(?:\s*\(\s*(\S+)\s*\))?$/.exec(trimmed);
    if (probably !== null) {
      probablyCausedBy ??= probably[1];
      continue;
    }
    const mex = /^Bugcheck: ([0-9a-fA-F]{1,8}) \(([^)]*)\)$/.exec(trimmed);
    if (mex !== null) {
      setCode(mex[1]);
      mex[2].split(',').forEach((v, i) => setParam(i, v.trim()));
      continue;
    }

    // ---- BlueScreenView ----
    const row = parseBlueScreenViewRow(t);
    if (row !== null) {
      const [label, value] = row;
      bsvSeen = true;
      if (!(label in bsv)) bsv[label] = value;
      if (label === 'bug check code') setCode(value);
      if (label === 'parameters') value.split(',').forEach((v, i) => setParam(i, v.trim()));
      if (/^parameter [1-4]$/.test(label)) setParam(Number(label.slice(-1)) - 1, value);
      if (label === 'minor version' && /^\d+$/.test(value)) os.bsvBuild(Number(value));
      if (label === 'processor') os.arch(value);
      continue;
    }

    if (isThreadHeader(t)) {
      endStack();
      continue;
    }
    if (isBoilerplate(trimmed)) continue;

    // A frame row with no header before it (`.frame`, trimmed pastes).
    if (currentCommand === null || isKCommand(currentCommand)) {
      const frame = parseStackRow(t, DEFAULT_LAYOUT, 0, true);
      if (frame !== null) {
        startStack(currentCommand !== null ? currentCommand.split(/\s+/)[0] : 'rows', cl.line, DEFAULT_LAYOUT);
        pushFrame(frame);
        continue;
      }
    }
    if (isRegisterOrDisassembly(t)) continue;
    addUnparsed(trimmed);
  }

  // ---- assemble ----
  const a = analysis as ParsedAnalysis | null;
  if (a !== null) {
    const keys = Object.keys(a.keyValues);
    // 2017–2019 output already printed an empty `KEY_VALUES_STRING: 1`, so key pairs or BUGCHECK_CODE decide.
    if (keys.some((k) => k.startsWith('Failure.') || k.startsWith('Bugcheck.Code.'))) a.generation = 3;
    else if ('BUGCHECK_CODE' in a.fields || keys.length > 0) a.generation = 2;
    else if ('BUGCHECK_STR' in a.fields || 'DEFAULT_BUCKET_ID' in a.fields || 'BUILD_VERSION_STRING' in a.fields) a.generation = 1;
    else if ('KEY_VALUES_STRING' in a.fields) a.generation = 2;
    const branch = a.keyValues['WER.OS.Branch'];
    if (branch !== undefined) os.branch(branch);
    const version = a.keyValues['WER.OS.Version'];
    if (version !== undefined) os.version(version);
    if (code === null && /^0x[0-9a-fA-F]+$/.test(a.fields.BUGCHECK_STR ?? '')) code = normalizeHex(a.fields.BUGCHECK_STR);
    const bucket = a.keyValues['Failure.Bucket'];
    if (a.failureBucketId === null && bucket !== undefined) a.failureBucketId = bucket;
  }
  result.analysis = a;
  if (bsvSeen) result.blueScreenView = { fields: bsv };

  if (code !== null) {
    const bugcheck: ParsedBugcheck = {
      code,
      name: titleName ?? (bsv['bug check string'] !== undefined && bsv['bug check string'] !== '' ? bsv['bug check string'] : null),
      params: [params[0], params[1], params[2], params[3]],
    };
    if (bugcheck.name === null) bugcheck.name = bugcheckName(BigInt(code));
    result.bugcheck = bugcheck;
  }
  result.os = os.result();

  markSessionSpace(result.modules);
  const primary = result.stacks.find((s) => s.source === 'STACK_TEXT' && s.frames.length > 0) ?? result.stacks.find((s) => s.frames.length > 0);
  result.frames = primary?.frames ?? [];

  // faulting: SYMBOL_NAME > FAULTING_IP > BlueScreenView "Caused by address" > the frame below the dispatch chain.
  let faulting: ParsedLocation | null = null;
  if (a !== null && a.symbolName !== null) faulting = parseSymbolLocation(a.symbolName);
  if (faulting === null && a !== null && a.faultingIp !== null) faulting = parseSymbolLocation(a.faultingIp);
  if (faulting === null && bsv['caused by address'] !== undefined) faulting = parseSymbolLocation(bsv['caused by address']);
  if (faulting === null) {
    const idx = findFaultingIndex(result.frames, null);
    const f = idx === null ? null : result.frames[idx];
    if (f && f.module !== null) faulting = { module: f.module, function: f.function, offset: f.offset };
  }
  result.faulting = faulting;

  const bsvDriver = bsv['caused by driver'];
  result.causedBy =
    (bsvDriver !== undefined && bsvDriver !== '' ? bsvDriver : null) ??
    (a !== null && a.imageName !== null && a.imageName !== '' ? a.imageName : null) ??
    (a !== null && a.moduleName !== null && a.moduleName !== '' ? a.moduleName : null) ??
    probablyCausedBy ??
    firstNonMicrosoftModule(result.frames);
  return result;
}
