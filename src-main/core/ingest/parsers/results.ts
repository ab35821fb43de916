// The two ways a line parser answers, built in one place so every parser attaches `extra` the same way
// (only when something is in it, which keeps a million stored events free of empty objects) and quotes
// the offending text in rejection reasons the same way.

import type { EventFieldValues, NormalisedEvent } from '../../../common/event'
import type { LineParseResult } from '../parser'

/** Longest piece of a line quoted in a rejection reason. */
const EXCERPT_LENGTH = 40

export type ExtraFields = Record<string, string | number>

export function accept(
  timestamp: number,
  fields: EventFieldValues,
  extra: ExtraFields,
  raw: string
): LineParseResult {
  const event: NormalisedEvent = { timestamp, fields, raw }
  for (const key in extra) {
    if (Object.hasOwn(extra, key)) {
      event.extra = extra
      break
    }
  }
  return { ok: true, event }
}

export function reject(reason: string): LineParseResult {
  return { ok: false, reason }
}

/** text[start, end) for quoting in a reason, cut to EXCERPT_LENGTH characters with an ellipsis. */
export function excerpt(text: string, start: number, end = text.length): string {
  return end - start > EXCERPT_LENGTH
    ? `${text.slice(start, start + EXCERPT_LENGTH)}…`
    : text.slice(start, end)
}
