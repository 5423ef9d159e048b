/** WinDbg / kd / BlueScreenView paste parsing and frame annotation (GitHub issue 4). */
export { parseDebuggerText, MAX_FRAMES, MAX_MODULES } from './parse';
export { annotateFrames } from './annotate';
export type { AnnotationContext, FrameAnnotation, FrameAnnotations, KnownDriver, ModuleRange } from './annotate';
export { MICROSOFT_MODULES, DISPATCH_FUNCTIONS, isMicrosoftModule, isDispatchFrame } from './microsoftModules';
export { SESSION_IMAGES } from './sessionSpace';
export * from './types';
