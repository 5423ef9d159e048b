/**
 * Which modules we call "Microsoft" and which functions are the exception/bug-check dispatch chain.
 *
 * "Microsoft" = images shipped with Windows that a driver author did not write. The kernel appears
 * under several names: `nt` is WinDbg's alias for whichever kernel image was loaded (ntoskrnl.exe,
 * ntkrnlmp.exe, ntkrnlpa.exe, ntkrpamp.exe), BlueScreenView prints the file name. Names compare
 * case-insensitively without their extension (`NETIO`, `netio.sys` → `netio`).
 */

const MICROSOFT = [
  // kernel, HAL and their aliases
  'nt', 'ntoskrnl', 'ntkrnlmp', 'ntkrnlpa', 'ntkrpamp', 'ntkrnlup', 'hal', 'halmacpi', 'halacpi', 'halaacpi',
  // session images (DOMAIN.md) and GDI/user
  'win32k', 'win32kbase', 'win32kfull', 'win32kns', 'win32kmin', 'cdd', 'tsddd', 'win32u',
  // filter/network/storage stacks
  'fltmgr', 'ndis', 'tcpip', 'netio', 'afd', 'tdx', 'tdi', 'netbt', 'http', 'wfplwfs', 'nsiproxy', 'mup', 'rdbss',
  'mrxsmb', 'mrxsmb20', 'srv2', 'srvnet', 'ntfs', 'refs', 'fastfat', 'exfat', 'npfs', 'msfs', 'fileinfo', 'wof',
  'cldflt', 'bindflt', 'wcifs', 'luafv', 'volmgr', 'volmgrx', 'volsnap', 'partmgr', 'disk', 'classpnp', 'storport',
  'stornvme', 'storahci', 'ataport', 'pciidex', 'spaceport', 'iorate', 'rdyboost', 'fvevol',
  // framework, bus and class drivers
  'wdf01000', 'wdfldr', 'acpi', 'pci', 'msisadrv', 'ks', 'ksthunk', 'portcls', 'usbport', 'usbhub', 'usbhub3',
  'usbxhci', 'ucx01000', 'usbccgp', 'hidclass', 'hidparse', 'hidusb', 'kbdclass', 'mouclass', 'i8042prt',
  'dxgkrnl', 'dxgmms1', 'dxgmms2', 'basicrender', 'basicdisplay', 'watchdog', 'monitor', 'vmbus', 'winhv',
  'hvsocket', 'vmbkmcl', 'storvsc', 'netvsc',
  // security/boot infrastructure
  'ci', 'cng', 'ksecdd', 'ksecpkg', 'msrpc', 'clfs', 'tm', 'pshed', 'bootvid', 'werkernel', 'kdcom', 'kdnet',
  'kd', 'kdstub', 'mcupdate_genuineintel', 'mcupdate_authenticamd', 'intelppm', 'amdppm', 'wmilib', 'pdc',
  'sgrmagent', 'condrv', 'beep', 'null', 'securekernel', 'skci', 'bootmgfw',
  // user-mode system DLLs that appear in mixed stacks
  'ntdll', 'kernel32', 'kernelbase', 'user32', 'gdi32', 'gdi32full', 'rpcrt4', 'combase', 'ucrtbase',
  'msvcrt', 'advapi32', 'sechost', 'comctl32',
];

/** Normalised names of modules treated as Microsoft's. */
export const MICROSOFT_MODULES: ReadonlySet<string> = new Set(MICROSOFT);

export function moduleKey(name: string): string {
  return name.trim().toLowerCase().replace(/\.(sys|exe|dll|drv)$/, '');
}

export function isMicrosoftModule(name: string | null): boolean {
  return name !== null && MICROSOFT_MODULES.has(moduleKey(name));
}

/**
 * Functions of the bug-check / trap / exception-dispatch chain that sit above the faulting frame.
 * The UI collapses them; the faulting frame is the first frame below them.
 */
const DISPATCH = [
  'KeBugCheckEx', 'KeBugCheck', 'KeBugCheck2', 'KeBugCheck3', 'KiBugCheckDispatch', 'KiBugCheckDebugBreak',
  'DbgBreakPointWithStatus', 'RtlpBreakWithStatusInstruction', 'KiPageFault', 'KiExceptionDispatch',
  'KiDispatchException', 'KiGeneralProtectionFault', 'KiDoubleFaultAbort', 'KiBreakpointTrap',
  'KiInvalidOpcodeFault', 'KiDivideErrorFault', 'KiStackFault', 'KiSegmentNotPresentFault', 'KiDebugTrapOrFault',
  'KiFastFailDispatch', 'KiRaiseSecurityCheckFailure', 'KiRaiseAssertion', 'KiSystemServiceHandler',
  'KiSystemServiceExit', 'RtlDispatchException', 'RtlpExecuteHandlerForException', 'RtlpExecuteHandlerForUnwind',
  'RtlpExecuteHandler2', 'RtlRaiseException', 'RtlRaiseStatus', 'KiRaiseException', 'ExRaiseStatus',
  'ExRaiseAccessViolation', '_C_specific_handler', '__C_specific_handler', 'PspUnhandledExceptionInSystemThread',
  'PspSystemThreadStartup$filt$0', 'MiSystemFault', 'MmAccessFault', 'MiRaisedIrqlFault', 'KiTrap0E', 'KiTrap0D',
  'KiTrap08', 'KiTrap06', 'KiTrap0EHandler', 'KiTrap0DHandler', 'KiDispatchExceptionFromTrapFrame',
  'KiDispatchException2Args', 'KiDispatchTrapException', '_report_gsfailure', '__report_gsfailure',
  '_GSHandlerCheck', '_GSHandlerCheckCommon', '_GSHandlerCheck_SEH', 'KiCheckForSListAddress',
  'VerifierBugCheckIfAppropriate', 'VfReportIssueWithOptions', 'ViErrorFinishReport',
];

/** Dispatch-chain function names (module-less, exact). */
export const DISPATCH_FUNCTIONS: ReadonlySet<string> = new Set(DISPATCH);

/** True for a kernel (or HAL) frame of the bug-check/exception-dispatch chain. */
export function isDispatchFrame(module: string | null, fn: string | null): boolean {
  if (module === null || fn === null) return false;
  const key = moduleKey(module);
  if (!['nt', 'ntoskrnl', 'ntkrnlmp', 'ntkrnlpa', 'ntkrpamp', 'hal'].includes(key)) return false;
  return DISPATCH_FUNCTIONS.has(fn) || /\$filt\$\d+$/.test(fn);
}
