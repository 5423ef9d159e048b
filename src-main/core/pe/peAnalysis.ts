/**
 * The result types live in the contract (src-main/contract/domains/pe.ts), where the JSON interface of
 * `driverlab pe --json` and of `drivers.get` is documented field by field; the analyser produces exactly them.
 */
export type {
  PeAnalysis,
  PeChecksum,
  PeCodeView,
  PeDebugInfo,
  PeExport,
  PeImportedFunction,
  PeImportModule,
  PeSection,
  PeSignature,
  PeVersionInfo,
} from '../../contract/domains/pe';

export interface AnalyzePeOptions {
  fileName: string;
  /** Session-space image names (case-insensitive); defaults to `DEFAULT_SESSION_IMAGES`. */
  sessionImages?: readonly string[];
}
