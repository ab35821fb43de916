// One line of a Linux audit log read into its parts: the `node=` a forwarding host adds, the record type,
// the `msg=audit(SECONDS.MS:SERIAL)` id the records of one event share, and the fields with the kernel's
// encodings undone (hex for untrusted strings, user-space `msg='…'` nesting, ENRICHED translated fields).

import { skipSpaces, tokenEnd } from './lineTokens'
import { excerpt } from './results'

/** One audit record, fields decoded. The event mapper (auditdEvent.ts) turns a group of them into an event. */
export interface AuditRecord {
  type: string
  node: string | undefined
  /** ms since the epoch, UTC: the kernel writes seconds since the epoch, so no zone applies. */
  timestamp: number
  /** `1364481363.243:24287`: what the records of one event share. */
  eventId: string
  /**
   * Fields in the order written, values unquoted and decoded. Translated fields of the ENRICHED format
   * (written after a \x1d, `UID="root"`) keep their uppercase names, so they never collide with raw ones.
   */
  fields: Map<string, string>
  /** Words that are not key=value, as AVC records write `avc:  denied  { read } for`. */
  text: string | undefined
}

export type AuditRecordRead = AuditRecord | { problem: string }

const SPACE = 32
const GROUP_SEPARATOR = 0x1d
const EQUALS = 61
const DOUBLE_QUOTE = 34
const SINGLE_QUOTE = 39
const OPEN_BRACE = 123
const RECORD_FORM = 'expected [node=HOST ]type=TYPE msg=audit(SECONDS.MS:SERIAL): FIELDS'
const EVENT_ID = /^(\d{1,12})\.(\d{3}):(\d{1,20})$/
/** ausearch -i prints `audit(03/28/2013 12:36:03.243:24287)`: local, zone-less, and not this format. */
const INTERPRETED_EVENT_ID = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\.\d{3}:\d+$/
/**
 * Fields the kernel and audit user space write hex-encoded when the value holds a space, a quote or a
 * control character (audit_log_untrustedstring), and quoted otherwise.
 */
const ENCODED_FIELDS = new Set([
  'acct',
  'cmd',
  'comm',
  'cwd',
  'data',
  'dir',
  'exe',
  'file',
  'grp',
  'key',
  'name',
  'new_group',
  'ocomm',
  'path',
  'proctitle',
  'root_dir',
  'sw',
  'vm',
  'watch'
])
/** EXECVE arguments: `a0`, and the pieces `a1[0]`, `a1[1]` of one too long for a single field. */
const EXECVE_ARGUMENT = /^a\d+(?:\[\d+\])?$/
const UTF8 = new TextDecoder('utf-8')

/** Reads one audit log line, or says why it is not an audit record. */
export function readAuditRecord(line: string): AuditRecordRead {
  let position = 0
  let node: string | undefined
  if (line.startsWith('node=')) {
    const end = tokenEnd(line, 5)
    node = line.slice(5, end)
    position = skipSpaces(line, end)
  }
  if (!line.startsWith('type=', position)) {
    return { problem: `'${excerpt(line, position)}' is not an audit record: ${RECORD_FORM}` }
  }
  const typeEnd = tokenEnd(line, position + 5)
  const type = line.slice(position + 5, typeEnd)
  position = skipSpaces(line, typeEnd)
  if (type === '' || !line.startsWith('msg=audit(', position)) {
    return { problem: `'${excerpt(line, 0)}' has no msg=audit(…) event id after the type: ${RECORD_FORM}` }
  }
  const idStart = position + 'msg=audit('.length
  const idEnd = line.indexOf(')', idStart)
  const id = idEnd === -1 ? '' : line.slice(idStart, idEnd)
  const parts = EVENT_ID.exec(id)
  if (parts === null) {
    if (INTERPRETED_EVENT_ID.test(id)) {
      return {
        problem: `event id 'audit(${id})' is ausearch -i's interpreted form, which has no zone: read the raw log, or export it with ausearch --raw`
      }
    }
    return {
      problem: `event id 'audit(${excerpt(line, idStart, idEnd === -1 ? line.length : idEnd)})' is not audit(SECONDS.MS:SERIAL)`
    }
  }
  if (line.charCodeAt(idEnd + 1) !== 58) {
    return { problem: `expected ':' after 'audit(${id})', found '${excerpt(line, idEnd + 1)}'` }
  }
  const record: AuditRecord = {
    type,
    node,
    timestamp: Number(parts[1]) * 1000 + Number(parts[2]),
    eventId: id,
    fields: new Map(),
    text: undefined
  }
  const words: string[] = []
  const problem = readFields(line, idEnd + 2, line.length, record, words)
  if (problem !== undefined) return { problem }
  if (words.length > 0) record.text = words.join(' ')
  return record
}

/**
 * Reads `key=value` pairs from line[start, end) into the record; other words go to `words`. A `msg='…'`
 * value (user-space records) holds more pairs and is read in place. Returns a problem, or undefined.
 */
function readFields(
  line: string,
  start: number,
  end: number,
  record: AuditRecord,
  words: string[]
): string | undefined {
  let position = start
  while (position < end) {
    const code = line.charCodeAt(position)
    if (code === SPACE || code === GROUP_SEPARATOR) {
      position++
      continue
    }
    const keyStart = position
    while (position < end && !isBoundary(line.charCodeAt(position)) && line.charCodeAt(position) !== EQUALS) {
      position++
    }
    if (position === keyStart || position >= end || line.charCodeAt(position) !== EQUALS) {
      // A word, or a token starting with '=': kept as text, never as a field with no name.
      while (position < end && !isBoundary(line.charCodeAt(position))) position++
      words.push(line.slice(keyStart, position))
      continue
    }
    const key = line.slice(keyStart, position)
    const valueStart = position + 1
    const open = line.charCodeAt(valueStart)
    if (open === DOUBLE_QUOTE || open === SINGLE_QUOTE || open === OPEN_BRACE) {
      const close = closingIndex(line, valueStart, end, open)
      if (close === -1) {
        return `the value of ${key} opens with ${String.fromCharCode(open)} and never closes: '${excerpt(line, keyStart, end)}' (the line may be cut short)`
      }
      if (key === 'msg' && open === SINGLE_QUOTE) {
        const problem = readFields(line, valueStart + 1, close, record, words)
        if (problem !== undefined) return problem
      } else {
        const value = line.slice(
          valueStart + (open === OPEN_BRACE ? 0 : 1),
          open === OPEN_BRACE ? close + 1 : close
        )
        record.fields.set(key, value)
      }
      position = close + 1
      continue
    }
    position = valueStart
    while (position < end && !isBoundary(line.charCodeAt(position))) position++
    record.fields.set(key, decodeUnquoted(key, line.slice(valueStart, position), record.type))
  }
  return undefined
}

/**
 * Where the value opened at `open` closes. A quote closes only before a space, a \x1d or the end, so a
 * `'` inside a double-quoted value of a `msg='…'` does not end the message early.
 */
function closingIndex(line: string, open: number, end: number, openCode: number): number {
  if (openCode === OPEN_BRACE) {
    const close = line.indexOf('}', open)
    return close === -1 || close >= end ? -1 : close
  }
  const quoteChar = String.fromCharCode(openCode)
  let close = line.indexOf(quoteChar, open + 1)
  while (close !== -1 && close < end) {
    if (close + 1 === end || isBoundary(line.charCodeAt(close + 1))) return close
    close = line.indexOf(quoteChar, close + 1)
  }
  return -1
}

/** An unquoted value of an encoded field is hex; anything else is kept as written (`(null)`, `?`). */
function decodeUnquoted(key: string, value: string, type: string): string {
  const encoded = ENCODED_FIELDS.has(key) || (type === 'EXECVE' && EXECVE_ARGUMENT.test(key))
  if (!encoded || !isAuditHex(value)) return value
  const text = decodeHex(value)
  // proctitle is argv with NUL separators; a key holding several rule keys separates them with \x01.
  if (key === 'proctitle') return text.replaceAll('\0', ' ').trimEnd()
  if (key === 'key') return text.replaceAll('\x01', ',')
  return text
}

/** Uppercase hex of whole bytes, as audit_log_n_hex writes it. */
function isAuditHex(value: string): boolean {
  if (value.length === 0 || value.length % 2 !== 0) return false
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70))) return false
  }
  return true
}

/** The bytes of an audit hex value (`saddr=0200…`), or undefined when the value is not hex. */
export function auditHexBytes(value: string): Uint8Array | undefined {
  return isAuditHex(value) ? hexBytes(value) : undefined
}

/** The bytes of an uppercase hex string; the caller checked it with isAuditHex. */
function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2)
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = (hexDigit(hex.charCodeAt(2 * index)) << 4) | hexDigit(hex.charCodeAt(2 * index + 1))
  }
  return bytes
}

/** Hex-encoded bytes as UTF-8 text; invalid sequences become U+FFFD rather than failing the record. */
function decodeHex(hex: string): string {
  return UTF8.decode(hexBytes(hex))
}

function hexDigit(code: number): number {
  return code <= 57 ? code - 48 : code - 55
}

function isBoundary(code: number): boolean {
  return code === SPACE || code === GROUP_SEPARATOR
}
