export { readDump, readDumpFile } from './read-dump';
export { bytesSource, fileSource, type DumpSource, type FileDumpSource } from './dump-source';
export { DumpFormatError, type DumpFormatErrorCode } from './dump-errors';
export { isCoreModule } from './core-modules';
export type * from './dump-report';
export type { DumpTypeName } from './dump-layout';
