// One union of error codes for every boundary (IPC, HTTP, CLI), and the envelope every call answers with.
// Electron forwards only `error.message` across invoke, so calls return a coded envelope instead of throwing.

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CALL',
  'FORBIDDEN',
  'NO_CASE_OPEN',
  'WRONG_CASE',
  'NOT_FOUND',
  'CONFLICT',
  'UNREADABLE_INPUT',
  'UNSUPPORTED_FORMAT',
  'CANCELLED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export type Envelope<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string }

/** An error a responder can act on: a code from the union and a specific message. */
export class CairnError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'CairnError'
    this.code = code
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
