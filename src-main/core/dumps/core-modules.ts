/**
 * Microsoft modules that sit on nearly every kernel stack and so are not blamed for a crash
 * while a third-party (or less central) module is also on the stack — the same idea as
 * BlueScreenView's "Caused By Driver" column, which names the first driver on the stack that is
 * not the kernel itself.
 *
 * Rule: a module is core when its lowercase file name matches one of these patterns.
 * - the kernel: ntoskrnl.exe and its variants ntkrnlmp/ntkrnlpa/ntkrpamp/ntkrla57 (nt*.exe)
 * - the HAL: hal.dll, halmacpi.dll, halacpi.dll… (hal*.dll)
 * - kernel debugger transports: kdcom.dll, kd.dll, kdnet.dll, kdstub.dll… (kd*.dll)
 * - code integrity and crypto the loader calls: ci.dll, skci.dll, cng.sys, ksecdd.sys
 * - kernel libraries most drivers call through: clfs.sys, tm.sys, fltmgr.sys, wdf01000.sys,
 *   wdfldr.sys, pshed.dll, werkernel.sys, msrpc.sys, bootvid.dll
 * - the network core: ndis.sys, netio.sys, tcpip.sys
 * - the session (GUI) images: win32k.sys, win32kbase.sys, win32kfull.sys (win32k*.sys), cdd.dll
 * Everything else — including Microsoft drivers such as ntfs.sys or storport.sys — can be blamed,
 * because when they are the only non-core module on the stack they are the best lead.
 */
const CORE_PATTERNS: readonly RegExp[] = [
  /^nt(oskrnl|krnl\w*|krpamp|krla57)\.exe$/,
  /^hal\w*\.dll$/,
  /^kd\w*\.dll$/,
  /^(ci|skci)\.dll$/,
  /^(cng|ksecdd|clfs|tm|fltmgr|wdf01000|wdfldr|werkernel|msrpc|ndis|netio|tcpip)\.sys$/,
  /^(pshed|bootvid|cdd)\.dll$/,
  /^win32k\w*\.sys$/,
];

/** True when `fileName` (e.g. `ntoskrnl.exe`) is a core Microsoft module; see the rule above. */
export function isCoreModule(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return CORE_PATTERNS.some((pattern) => pattern.test(lower));
}
