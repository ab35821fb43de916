// Reading envelopes that arrive as text over HTTP or WebSocket. The browser cannot trust that a response
// body is an envelope (a proxy error page, a crashed server), so anything else becomes a coded error.

import { PUSH_EVENT_NAMES } from '../../src-main/common/channels'
import type { PushEvent } from '../../src-main/common/contract'
import type { Envelope, ErrorCode } from '../../src-main/common/errors'
import { isErrorCode } from '../../src-main/common/errors'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!isRecord(value)) return false
  if (value.ok === true) return 'data' in value
  return value.ok === false && isErrorCode(value.code) && typeof value.message === 'string'
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 400 || status === 413) return 'BAD_REQUEST'
  return 'INTERNAL'
}

/** The envelope in an HTTP response body, or a coded error describing what came back instead. */
export function envelopeFromHttp<T>(status: number, body: string): Envelope<T> {
  try {
    const parsed: unknown = JSON.parse(body)
    if (isEnvelope(parsed)) return parsed as Envelope<T>
  } catch {
    // Not JSON: fall through to a message built from the status.
  }
  const code = codeForStatus(status)
  const message =
    code === 'FORBIDDEN'
      ? 'This browser is not signed in to Cairn: open the address with the access token that Cairn printed.'
      : `The Cairn server answered HTTP ${status} without a readable result.`
  return { ok: false, code, message }
}

/** A pushed event from a WebSocket message, or null for anything malformed (ignored, never thrown). */
export function pushEventFromMessage(data: unknown): PushEvent | null {
  if (typeof data !== 'string') return null
  try {
    const parsed: unknown = JSON.parse(data)
    if (!isRecord(parsed) || !isRecord(parsed.payload)) return null
    if (!(PUSH_EVENT_NAMES as readonly unknown[]).includes(parsed.name)) return null
    return parsed as unknown as PushEvent
  } catch {
    return null
  }
}
