/**
 * Why a file could not be read as a kernel crash dump at all.
 *
 * Error policy of readDump: a file that is not a kernel dump (wrong signature, user-mode
 * minidump, empty, or too short to hold the fixed header) throws DumpFormatError with a message
 * a user can read. Anything wrong *after* a valid header (truncated body, offsets or counts
 * pointing outside the file, broken strings) yields a partial DumpReport with `warnings`.
 */
export type DumpFormatErrorCode = 'empty' | 'not-a-dump' | 'user-mode-minidump' | 'truncated-header';

export class DumpFormatError extends Error {
  override readonly name = 'DumpFormatError';
  readonly code: DumpFormatErrorCode;

  constructor(code: DumpFormatErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
