import { ByteView, hex } from './byte-view';
import { isCoreModule } from './core-modules';
import type { CausedBy, DumpFrame } from './dump-report';
import type { DriverRange } from './triage-section';

/**
 * Which bug check parameter holds the faulting instruction's address (0-based), by base code.
 * From the parameter tables of Microsoft Learn's bug check reference (see reference/bugcheck-parameters.ts).
 */
const ADDRESS_PARAMETER: ReadonlyMap<number, number> = new Map([
  [0x0a, 3], // IRQL_NOT_LESS_OR_EQUAL: address which referenced memory
  [0x1e, 1], // KMODE_EXCEPTION_NOT_HANDLED: address where the exception occurred
  [0x3b, 1], // SYSTEM_SERVICE_EXCEPTION: address of the faulting instruction
  [0x50, 2], // PAGE_FAULT_IN_NONPAGED_AREA: address that referenced memory
  [0x7e, 1], // SYSTEM_THREAD_EXCEPTION_NOT_HANDLED: address where the exception occurred
  [0x8e, 1], // KERNEL_MODE_EXCEPTION_NOT_HANDLED
  [0xc5, 3], // DRIVER_CORRUPTED_EXPOOL
  [0xce, 2], // DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS
  [0xd1, 3], // DRIVER_IRQL_NOT_LESS_OR_EQUAL
  [0xd5, 2], // DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL
  [0xd6, 2], // DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATION
  [0xfc, 0], // ATTEMPTED_EXECUTE_OF_NOEXECUTE_MEMORY: the address whose execution was attempted
]);

/** The faulting address a bug check's parameters name, if this code has one. */
export function faultingAddressFromParameters(code: number, params: readonly bigint[]): bigint | null {
  const base = (code & 0xf0000000) === 0x10000000 ? code & 0x0fffffff : code;
  const index = ADDRESS_PARAMETER.get(base);
  if (index === undefined) return null;
  const value = params[index];
  return value === undefined || value === 0n ? null : value;
}

const HEADER_PAGE = 0x1000n;

/** Finds the module containing an address (ranges sorted by base, binary search). */
export class ModuleMap {
  private readonly sorted: DriverRange[];

  constructor(drivers: readonly DriverRange[]) {
    this.sorted = drivers.filter((d) => d.end > d.base).sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  }

  find(address: bigint): DriverRange | null {
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.sorted[mid];
      if (address < d.base) hi = mid - 1;
      else if (address >= d.end) lo = mid + 1;
      else return d;
    }
    return null;
  }
}

function frameFor(address: bigint, modules: ModuleMap, source: DumpFrame['source']): DumpFrame {
  const module = modules.find(address);
  return {
    address: hex(address),
    module: module ? module.report.name : null,
    offset: module ? hex(address - module.base) : null,
    source,
  };
}

export interface StackInput {
  /** Context PC, when a context record was read. */
  pc: bigint | null;
  /** Address named by the bug check parameters, when the code has one. */
  parameterAddress: bigint | null;
  /** Saved stack bytes and the virtual address of their first byte. */
  stack: { base: bigint; bytes: Uint8Array } | null;
  pointerSize: 4 | 8;
  modules: ModuleMap;
  maxFrames: number;
}

/**
 * The stack BlueScreenView shows without symbols: the faulting address (context PC, then the
 * bug check parameter address if different), then every pointer-sized value of the saved stack
 * that falls inside a loaded module past its header page, lowest stack address (most recent) first.
 */
export function buildFrames(input: StackInput): DumpFrame[] {
  const frames: DumpFrame[] = [];
  if (input.pc !== null && input.pc !== 0n) frames.push(frameFor(input.pc, input.modules, 'context'));
  if (input.parameterAddress !== null && input.parameterAddress !== input.pc) {
    frames.push(frameFor(input.parameterAddress, input.modules, 'bugcheck-parameter'));
  }
  if (!input.stack) return frames;
  const view = new ByteView(input.stack.bytes);
  const step = input.pointerSize;
  const width = step === 8 ? 64 : 32;
  for (let at = 0; at + step <= view.length && frames.length < input.maxFrames; at += step) {
    const value = view.pointer(at, width);
    if (value === null || value === 0n) continue;
    const module = input.modules.find(value);
    // The first page of an image holds its PE headers, never code: a value there is a pointer
    // to the image (e.g. a saved DllBase), not a return address.
    if (!module || value - module.base < HEADER_PAGE) continue;
    frames.push({
      address: hex(value),
      module: module.report.name,
      offset: hex(value - module.base),
      source: 'stack',
      stackAddress: hex(BigInt.asUintN(width, input.stack.base + BigInt(at))),
    });
  }
  return frames;
}

/**
 * Caused-by rule: the first frame whose module is not a core Microsoft module (core-modules.ts);
 * failing that, the module containing the faulting address; failing that, null.
 */
export function decideCausedBy(frames: readonly DumpFrame[]): CausedBy | null {
  const skipped: string[] = [];
  for (const frame of frames) {
    if (frame.module === null || frame.offset === null) continue;
    if (!isCoreModule(frame.module)) {
      const where =
        frame.source === 'stack'
          ? 'on the stack'
          : frame.source === 'context'
            ? 'at the faulting address'
            : 'at the address in the bug check parameters';
      const skippedText = skipped.length > 0 ? ` (skipped ${skipped.join(', ')})` : '';
      return {
        module: frame.module,
        address: frame.address,
        offset: frame.offset,
        reason: `first non-core module ${where}${skippedText}`,
      };
    }
    if (!skipped.includes(frame.module)) skipped.push(frame.module);
  }
  const fault = frames.find((f) => f.source !== 'stack' && f.module !== null && f.offset !== null);
  if (fault && fault.module !== null && fault.offset !== null) {
    return {
      module: fault.module,
      address: fault.address,
      offset: fault.offset,
      reason: 'only core modules on the stack; module containing the faulting address',
    };
  }
  return null;
}
