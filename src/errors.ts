// Fatal, user-causable errors: one clear line, exit code 2.
export type ErrorCode =
  | 'E_NOT_FOUND'
  | 'E_UNREADABLE'
  | 'E_IS_DIRECTORY'
  | 'E_BINARY'
  | 'E_EMPTY'
  | 'E_NO_TABLES'
  | 'E_UNKNOWN_FORMAT'
  | 'E_BAD_OPTION'
  | 'E_CORRUPT_DOCX'
  | 'E_CORRUPT_PDF'
  | 'E_PDF_SCANNED'
  | 'E_OTHER_FORMAT'
  | 'E_OFD'
  | 'E_LEGACY_DOC'
  | 'E_ENCRYPTED'
  | 'E_TOO_LARGE'
  | 'E_ZIP_BOMB'
  | 'E_WRITE'
  | 'E_OUTPUT_IS_INPUT'
  | 'E_OLD_FORMAT'
  | 'E_NOT_REGULAR'
  | 'E_OWN_OUTPUT';

/** An error a user can cause; rendered through the locale's fatal messages. */
export class GiaError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, string | number>;
  constructor(code: ErrorCode, data: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(`${code} ${JSON.stringify(data)}`, options);
    this.name = 'GiaError';
    this.code = code;
    this.data = data;
  }
}

export function isGiaError(e: unknown): e is GiaError {
  return e instanceof GiaError;
}
