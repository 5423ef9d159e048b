/** The PE analysis as it crosses the contract: the stable JSON interface of `driverlab pe --json`. */

/**
 * The result of the PE analyser (core/pe): a stable, JSON-safe description of one PE image.
 * Scripts read it (`driverlab pe FILE --json` prints an array of these), so fields are only
 * ever added, never renamed or retyped.
 *
 * JSON types and conventions:
 * - `file`: the file name the caller passed (as given, directories included).
 * - `size`: the byte length of the input.
 * - `sha256`, `sha1`, `md5`: lowercase hex of the whole input; always present, even on `error`.
 * - `imphash`: lowercase hex MD5 as pefile's `get_imphash()` defines it, over the regular
 *   (not delay-load) imports; `null` where pefile returns `''` (no imported functions).
 * - `authentihash`: lowercase hex SHA-256 of the image without the CheckSum field, the
 *   certificate-table directory entry and the certificate data; `null` without readable headers.
 * - `machine`: IMAGE_FILE_MACHINE_* name without the prefix (`"AMD64"`, `"I386"`, `"ARM64"`,
 *   `"ARMNT"`, ...), or `"UNKNOWN_0x1234"` for a value outside the table.
 * - `subsystem`: IMAGE_SUBSYSTEM_* name without the prefix (`"NATIVE"`, `"WINDOWS_GUI"`,
 *   `"WINDOWS_CUI"`, `"EFI_APPLICATION"`, ...), or `"UNKNOWN_0x..."` likewise.
 * - `timeDateStamp`, `sizeOfImage`, `entryPointRva`: unsigned 32-bit numbers.
 * - `imageBase`: lowercase `0x…` hex string (64-bit on PE32+).
 * - `dllCharacteristics`: IMAGE_DLLCHARACTERISTICS_* names without the prefix, low bit first
 *   (`"HIGH_ENTROPY_VA"`, `"DYNAMIC_BASE"`, `"FORCE_INTEGRITY"`, `"NX_COMPAT"`, `"GUARD_CF"`, ...);
 *   reserved bits read as `"UNKNOWN_0x0001"`.
 * - `checksum.stored`: the OptionalHeader CheckSum; `checksum.computed`: the standard PE checksum
 *   (the algorithm of imagehlp's CheckSumMappedFile, as pefile's `generate_checksum()`).
 * - `sections[].characteristics`: the raw IMAGE_SCN_* bit mask as a number (decode with
 *   `sectionCharacteristicNames`); `entropy`: Shannon entropy of the raw data, 0..8 bits per byte;
 *   `name`: the 8-byte name, or for `/123` names the long name from the COFF string table.
 * - `imports[].module`, `sessionImports`: module names exactly as written in the image.
 * - `exports[]`: one entry per exported name plus one per ordinal-only export, ordered by
 *   ordinal; `rva` is `null` for forwarders, whose target is in `forwarder` (`"kernel32.GetTickCount"`).
 * - `debug.codeView.guid`: uppercase hex without dashes (Data1, Data2, Data3 as numbers, then the
 *   Data4 bytes in order); for an old NB10 record it is the 32-bit signature as 8 hex digits.
 * - `imageKey`: `name/<TimeDateStamp %08X><SizeOfImage %x>/name` with the base name of `file`.
 * - `signature`: whether the certificate table (security directory) is in the file, and its size; not verified.
 *   A directory entry pointing past the end of the file (a truncated copy) reads as absent, with a warning.
 * - Header-derived fields are `null` when the headers could not be read; then `error` says why.
 */
export interface PeAnalysis {
  file: string;
  size: number;
  sha256: string;
  sha1: string;
  md5: string;
  imphash: string | null;
  authentihash: string | null;
  machine: string | null;
  subsystem: string | null;
  timeDateStamp: number | null;
  sizeOfImage: number | null;
  imageBase: string | null;
  entryPointRva: number | null;
  dllCharacteristics: string[];
  checksum: PeChecksum;
  sections: PeSection[];
  imports: PeImportModule[];
  exports: PeExport[];
  debug: PeDebugInfo;
  imageKey: string | null;
  signature: PeSignature;
  version: PeVersionInfo | null;
  sessionImports: string[];
  warnings: string[];
  /** Set when the input is not a usable PE image (empty, not PE, truncated headers). */
  error?: string;
}

export interface PeChecksum {
  stored: number | null;
  computed: number | null;
}

export interface PeSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawSize: number;
  characteristics: number;
  entropy: number;
}

export interface PeImportModule {
  module: string;
  delayLoad: boolean;
  functions: PeImportedFunction[];
}

export type PeImportedFunction = { name: string; hint: number } | { ordinal: number };

export interface PeExport {
  name: string | null;
  ordinal: number;
  rva: number | null;
  forwarder: string | null;
}

export interface PeDebugInfo {
  codeView: PeCodeView | null;
}

export interface PeCodeView {
  pdbPath: string;
  guid: string;
  age: number;
  /** `name.pdb/<GUID><Age hex>/name.pdb` (symstore / SSQP layout). */
  symbolServerKey: string;
}

export interface PeSignature {
  present: boolean;
  size: number;
}

/** Fields of the VS_VERSIONINFO resource; strings are `null` when the image has none. */
export interface PeVersionInfo {
  /** VS_FIXEDFILEINFO FileVersionMS/LS as `a.b.c.d`. */
  fixedFileVersion: string | null;
  /** VS_FIXEDFILEINFO ProductVersionMS/LS as `a.b.c.d`. */
  fixedProductVersion: string | null;
  fileVersion: string | null;
  productVersion: string | null;
  companyName: string | null;
  productName: string | null;
  originalFilename: string | null;
  fileDescription: string | null;
  internalName: string | null;
  legalCopyright: string | null;
}


export type PredictedLoadMethod = 'NtLoadDriver' | 'SystemLoadGdiDriverInformation' | 'ManualMap';
export type PredictedOutcome = 'bugcheck' | 'loads' | 'unknown';

export interface LoadPrediction {
  loadMethod: PredictedLoadMethod;
  /** The process context the method runs the load in. */
  context: string;
  predicted: PredictedOutcome;
  reason: string;
  /** The session-image imports the prediction rests on (empty when none). */
  modules: string[];
}

