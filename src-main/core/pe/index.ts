/** The PE analyser's public surface. */
export { analyzePe, MAX_WARNINGS } from './analyzePe';
export { predictLoadOutcomes } from './loadPrediction';
export type { LoadMethod, LoadPrediction, PredictedOutcome } from './loadPrediction';
export { DEFAULT_SESSION_IMAGES, findSessionImports } from './sessionImages';
export { computeImphash } from './imphash';
export { computePeChecksum } from './checksum';
export { shannonEntropy } from './entropy';
export { imageSymbolKey, pdbSymbolKey } from './debugDirectory';
export { dllCharacteristicNames, machineName, sectionCharacteristicNames, subsystemName } from './headerNames';
export { MAX_IMPORT_THUNKS, MAX_IMPORT_DESCRIPTORS } from './importDirectories';
export { MAX_EXPORTS } from './exportDirectory';
export type {
  AnalyzePeOptions,
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
} from './peAnalysis';
