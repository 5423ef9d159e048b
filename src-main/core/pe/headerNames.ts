/**
 * Names for header enumerations and flag sets, from the Microsoft PE/COFF specification
 * ("PE Format", Machine Types, Windows Subsystem, DLL Characteristics, Section Flags), spelled
 * without their IMAGE_FILE_MACHINE_ / IMAGE_SUBSYSTEM_ / IMAGE_DLLCHARACTERISTICS_ / IMAGE_SCN_
 * prefixes as pefile and dumpbin users know them.
 */

const MACHINE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0000, 'UNKNOWN'],
  [0x014c, 'I386'],
  [0x0162, 'R3000'],
  [0x0166, 'R4000'],
  [0x0168, 'R10000'],
  [0x0169, 'WCEMIPSV2'],
  [0x0184, 'ALPHA'],
  [0x01a2, 'SH3'],
  [0x01a3, 'SH3DSP'],
  [0x01a6, 'SH4'],
  [0x01a8, 'SH5'],
  [0x01c0, 'ARM'],
  [0x01c2, 'THUMB'],
  [0x01c4, 'ARMNT'],
  [0x01d3, 'AM33'],
  [0x01f0, 'POWERPC'],
  [0x01f1, 'POWERPCFP'],
  [0x0200, 'IA64'],
  [0x0266, 'MIPS16'],
  [0x0284, 'ALPHA64'],
  [0x0366, 'MIPSFPU'],
  [0x0466, 'MIPSFPU16'],
  [0x0520, 'TRICORE'],
  [0x0ebc, 'EBC'],
  [0x5032, 'RISCV32'],
  [0x5064, 'RISCV64'],
  [0x5128, 'RISCV128'],
  [0x6232, 'LOONGARCH32'],
  [0x6264, 'LOONGARCH64'],
  [0x8664, 'AMD64'],
  [0x9041, 'M32R'],
  [0xa641, 'ARM64EC'],
  [0xa64e, 'ARM64X'],
  [0xaa64, 'ARM64'],
]);

const SUBSYSTEM_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'UNKNOWN'],
  [1, 'NATIVE'],
  [2, 'WINDOWS_GUI'],
  [3, 'WINDOWS_CUI'],
  [5, 'OS2_CUI'],
  [7, 'POSIX_CUI'],
  [8, 'NATIVE_WINDOWS'],
  [9, 'WINDOWS_CE_GUI'],
  [10, 'EFI_APPLICATION'],
  [11, 'EFI_BOOT_SERVICE_DRIVER'],
  [12, 'EFI_RUNTIME_DRIVER'],
  [13, 'EFI_ROM'],
  [14, 'XBOX'],
  [16, 'WINDOWS_BOOT_APPLICATION'],
  [17, 'XBOX_CODE_CATALOG'],
]);

const DLL_CHARACTERISTIC_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0020, 'HIGH_ENTROPY_VA'],
  [0x0040, 'DYNAMIC_BASE'],
  [0x0080, 'FORCE_INTEGRITY'],
  [0x0100, 'NX_COMPAT'],
  [0x0200, 'NO_ISOLATION'],
  [0x0400, 'NO_SEH'],
  [0x0800, 'NO_BIND'],
  [0x1000, 'APPCONTAINER'],
  [0x2000, 'WDM_DRIVER'],
  [0x4000, 'GUARD_CF'],
  [0x8000, 'TERMINAL_SERVER_AWARE'],
]);

const SECTION_FLAG_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00000008, 'TYPE_NO_PAD'],
  [0x00000020, 'CNT_CODE'],
  [0x00000040, 'CNT_INITIALIZED_DATA'],
  [0x00000080, 'CNT_UNINITIALIZED_DATA'],
  [0x00000100, 'LNK_OTHER'],
  [0x00000200, 'LNK_INFO'],
  [0x00000800, 'LNK_REMOVE'],
  [0x00001000, 'LNK_COMDAT'],
  [0x00004000, 'NO_DEFER_SPEC_EXC'],
  [0x00008000, 'GPREL'],
  [0x01000000, 'LNK_NRELOC_OVFL'],
  [0x02000000, 'MEM_DISCARDABLE'],
  [0x04000000, 'MEM_NOT_CACHED'],
  [0x08000000, 'MEM_NOT_PAGED'],
  [0x10000000, 'MEM_SHARED'],
  [0x20000000, 'MEM_EXECUTE'],
  [0x40000000, 'MEM_READ'],
  [0x80000000, 'MEM_WRITE'],
]);

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

export function machineName(machine: number): string {
  return MACHINE_NAMES.get(machine) ?? `UNKNOWN_${hex(machine, 4)}`;
}

export function subsystemName(subsystem: number): string {
  return SUBSYSTEM_NAMES.get(subsystem) ?? `UNKNOWN_${hex(subsystem, 4)}`;
}

export function dllCharacteristicNames(flags: number): string[] {
  const names: string[] = [];
  for (let bit = 1; bit <= 0x8000; bit <<= 1) {
    if (flags & bit) names.push(DLL_CHARACTERISTIC_NAMES.get(bit) ?? `UNKNOWN_${hex(bit, 4)}`);
  }
  return names;
}

/** IMAGE_SCN_* names of a section's Characteristics, with the ALIGN_* nibble spelled out. */
export function sectionCharacteristicNames(characteristics: number): string[] {
  const names: string[] = [];
  for (const [bit, name] of SECTION_FLAG_NAMES) {
    if ((characteristics & bit) >>> 0 === bit) names.push(name);
  }
  const alignNibble = (characteristics >>> 20) & 0xf;
  if (alignNibble >= 1 && alignNibble <= 14) names.push(`ALIGN_${1 << (alignNibble - 1)}BYTES`);
  return names;
}
