/**
 * Line shapes that are understood but carry nothing the parse result models: debugger start-up
 * chatter, register dumps, disassembly, boxed banners. Recognising them keeps `unparsed` meaningful.
 */

const BOILERPLATE: RegExp[] = [
  /^Microsoft \(R\) Windows Debugger Version/,
  /^Copyright \(c\) Microsoft Corporation/,
  /^Loading Dump File \[/,
  /^(?:Mini Kernel|Kernel Bitmap|Kernel Summary|Full Kernel|Kernel Complete|Kernel Triage|User Mini) Dump File:/,
  /^(?:Expanded )?Symbol search path is:/,
  /^Executable search path is:/,
  /^Loading (?:Kernel|User) Symbols$/,
  /^Loading unloaded module list$/,
  /^\.+$/,
  /^For analysis of this file, run !analyze -v$/,
  /^Press ctrl-c \(cdb, kd, ntsd\)/,
  /^Run !sym noisy before \.reload/,
  /^Product: /,
  /^Machine Name:/,
  /^Debug session time:/,
  /^System Uptime:/,
  /^Process Uptime:/,
  /^Kernel Debugger connection established/,
  /^Connected to target \S+ on port \d+/,
  /^You can troubleshoot most symbol related issues/,
  /^You should also verify that your symbol search path/,
  /^Using (?:NET|COM|1394|USB) for debugging/,
  /^Opened (?:WinSock|\\\\\.\\pipe)/,
  /^Waiting to reconnect\.\.\./,
  /^You can get the target MAC address/,
  /^Response\s+Time \(ms\)\s+Location$/,
  /^Deferred\s+\S+/,
  /^\*+ (?:Symbol )?Path validation summary \*+$/,
  /^Break instruction exception - code/,
  /^A fatal system error has occurred\.?$/,
  /^Debugger entered on first try/,
  /^KDTARGET: Refreshing KD connection/,
  /^Resetting default scope$/,
  /^Browse full module list$/,
  /^Followup:\s/,
  /^-{3,}$/,
  /^={3,}$/,
  /^Debugging Details:$/,
  /^Arguments:$/,
  /^Implicit (?:process|thread) is now/,
  /^\s*\*\*\* Stack trace for last set context/,
  /^NOTE: The trap frame does not contain all registers\.$/,
  /^Some register values may be zeroed or incorrect\.$/,
  /^Unable to enumerate user-mode unloaded modules/,
  /^Evaluate expression:/,
  /^Last event:/,
  /^Entered debugger on embedded INT3/,
  /^\*\*\*\*\* OS symbols are WRONG/,
];

/** Boxed banners: `*******`, `*   text   *`, `***   text   ***`. */
const BANNER = /^\*+$|^\*\s.*\s\*$|^\*{3}\s.*\s\*{3}$|^\*{3}\s*$/;

/** `rax=0000… rbx=…`, `iopl=0 nv up…`, `cs=0010  ss=0018 …`, ` r8=…`, `eax=… ebx=…`. */
const REGISTERS = /^\s*(?:[re]?[a-z0-9]{1,3}=[0-9a-f`]+\s*){2,}|^\s*iopl=\d|^\s*cs=[0-9a-f]{4}\s+ss=/i;

/** Disassembly `fffff801`197f1d1e 0f2949c0        movaps …` and symbol labels `Driver+0x1d1e:`. */
const DISASM = /^[0-9a-f]{8}(?:`?[0-9a-f]{8})?\s+[0-9a-f]{2,30}\s+\S/i;
const SYMBOL_LABEL = /^[\w.$]+(?:![^\s]+)?(?:\+0x[0-9a-f]+)?:$/i;

/** Thread headers of `~*k` / `!process`: `   0  id: 570.574   Suspend: 1 Teb 7ffde000 Unfrozen`. */
const THREAD_HEADER = /^[\s.#]*\d+\s+[Ii]d:\s+[0-9a-f]+\.[0-9a-f]+\s+Suspend:/;

export function isBoilerplate(text: string): boolean {
  const t = text.trim();
  return BOILERPLATE.some((r) => r.test(t)) || BANNER.test(t);
}

export function isRegisterOrDisassembly(text: string): boolean {
  return REGISTERS.test(text) || DISASM.test(text.trim()) || SYMBOL_LABEL.test(text.trim());
}

export function isThreadHeader(text: string): boolean {
  return THREAD_HEADER.test(text);
}

/** Debugger prompts: `0: kd> `, `kd> `, `0:000> `, `0:000:x86> `, and the docs' doubled `0:000>2: kd> `. */
const PROMPT = /^\s*((?:(?:\d+:\s*)?[kK][dD]|\d+:\d{3}(?::x86)?|kdb:)>\s*)+(.*)$/;

export function matchPrompt(text: string): { prompt: string; command: string } | null {
  const m = PROMPT.exec(text);
  if (!m) return null;
  const promptEnd = text.length - m[2].length;
  return { prompt: text.slice(0, promptEnd).trim(), command: m[2].trim() };
}

export interface WarningMatch {
  kind: string;
  module: string | null;
}

const WARNINGS: [RegExp, string][] = [
  [/^\*{0,3}\s*WARNING: Unable to verify timestamp for (\S+)/, 'timestamp'],
  [/^\*{0,3}\s*WARNING: Unable to verify checksum for (\S+)/, 'checksum'],
  [/^\*{0,3}\s*ERROR: Module load completed but symbols could not be loaded for (\S+)/, 'symbols-not-loaded'],
  [/^\*{0,3}\s*ERROR: Symbol file could not be found\.\s+Defaulted to export symbols for (\S+?)\s*-?\s*$/, 'symbol-file-not-found'],
  [/Symbol file could not be found/, 'symbol-file-not-found'],
  [/^Unable to load image (.+?), Win32 error/, 'image-not-loaded'],
  [/^WARNING: (?:Frame IP not in any known module|Stack unwind information not available)/, 'unwind'],
  [/^Page [0-9a-f]+ not present in the dump file/, 'page-not-present'],
  [/^\*{3} (?:WARNING|ERROR): /, 'other'],
];

export function matchWarning(text: string): WarningMatch | null {
  const t = text.trim();
  for (const [re, kind] of WARNINGS) {
    const m = re.exec(t);
    if (!m) continue;
    let module = m[1] ?? null;
    if (module !== null) module = module.replace(/[,;]$/, '');
    if (kind === 'image-not-loaded' && module !== null) module = module.split('\\').pop() ?? module;
    return { kind, module };
  }
  return null;
}
