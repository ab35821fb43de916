// DNS messages (RFC 1035) from a UDP datagram or a TCP length-prefixed frame: header, first question,
// response code and the answer section rendered as text. Names are decompressed with every pointer
// required to point before the name it continues, so a looping or out-of-bounds pointer ends the read
// instead of the parser; what could not be read is reported with the message rather than dropping it.

import type { NormalisedEvent } from '../../../../common/event'
import type { ExtraFields } from '../results'
import { readU16BE, readU32BE } from './bytes'
import { ipv4Text, ipv6Text } from './ipAddress'
import { packetEvent, packetFields, type PacketContext } from './packetEvent'

export const DNS_PORT = 53
const HEADER_BYTES = 12
const MAX_NAME_BYTES = 255
const MAX_POINTER_JUMPS = 127
/** dns.answers is a store column: long tunnelled TXT payloads are cut here. */
const MAX_ANSWERS_TEXT = 4096

export interface DnsMessage {
  id: number
  response: boolean
  opcode: number
  responseCode: number
  /** The first question's name and type, when the message has one that could be read. */
  questionName: string | null
  questionType: number
  questionCount: number
  answers: string[]
  /** What part of the message could not be read, if any. */
  problem: string | null
}

const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'A'],
  [2, 'NS'],
  [5, 'CNAME'],
  [6, 'SOA'],
  [10, 'NULL'],
  [11, 'WKS'],
  [12, 'PTR'],
  [13, 'HINFO'],
  [15, 'MX'],
  [16, 'TXT'],
  [17, 'RP'],
  [18, 'AFSDB'],
  [24, 'SIG'],
  [25, 'KEY'],
  [28, 'AAAA'],
  [29, 'LOC'],
  [33, 'SRV'],
  [35, 'NAPTR'],
  [36, 'KX'],
  [37, 'CERT'],
  [39, 'DNAME'],
  [41, 'OPT'],
  [42, 'APL'],
  [43, 'DS'],
  [44, 'SSHFP'],
  [45, 'IPSECKEY'],
  [46, 'RRSIG'],
  [47, 'NSEC'],
  [48, 'DNSKEY'],
  [49, 'DHCID'],
  [50, 'NSEC3'],
  [51, 'NSEC3PARAM'],
  [52, 'TLSA'],
  [53, 'SMIMEA'],
  [55, 'HIP'],
  [59, 'CDS'],
  [60, 'CDNSKEY'],
  [61, 'OPENPGPKEY'],
  [62, 'CSYNC'],
  [63, 'ZONEMD'],
  [64, 'SVCB'],
  [65, 'HTTPS'],
  [99, 'SPF'],
  [249, 'TKEY'],
  [250, 'TSIG'],
  [251, 'IXFR'],
  [252, 'AXFR'],
  [253, 'MAILB'],
  [254, 'MAILA'],
  [255, 'ANY'],
  [256, 'URI'],
  [257, 'CAA'],
  [32768, 'TA'],
  [32769, 'DLV']
])

const RESPONSE_CODE_NAMES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE'
]

const OPCODE_NAMES = ['QUERY', 'IQUERY', 'STATUS', 'OPCODE3', 'NOTIFY', 'UPDATE', 'DSO']

/** A record type's mnemonic, or TYPEnnn (RFC 3597) for one without. */
export function dnsTypeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`
}

export function dnsResponseCodeName(code: number): string {
  return RESPONSE_CODE_NAMES[code] ?? `RCODE${code}`
}

/** The DNS message in bytes[start, end), or why not even its header can be read. */
export function readDnsMessage(bytes: Uint8Array, start: number, end: number): DnsMessage | string {
  if (end - start < HEADER_BYTES) return `DNS header cut short: ${end - start} of ${HEADER_BYTES} bytes`
  const flags = readU16BE(bytes, start + 2)
  const message: DnsMessage = {
    id: readU16BE(bytes, start),
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0x0f,
    responseCode: flags & 0x0f,
    questionName: null,
    questionType: -1,
    questionCount: readU16BE(bytes, start + 4),
    answers: [],
    problem: null
  }
  const answerCount = readU16BE(bytes, start + 6)
  let at = start + HEADER_BYTES
  for (let index = 0; index < message.questionCount; index++) {
    const name = readName(bytes, start, end, at)
    if (name === null || name.next + 4 > end) {
      message.problem = `question ${index + 1} cannot be read (cut short or a bad name pointer)`
      return message
    }
    if (index === 0) {
      message.questionName = name.text
      message.questionType = readU16BE(bytes, name.next)
    }
    at = name.next + 4
  }
  let textLength = 0
  for (let index = 0; index < answerCount; index++) {
    const name = readName(bytes, start, end, at)
    if (name === null || name.next + 10 > end) {
      message.problem = `answer ${index + 1} of ${answerCount} cannot be read (cut short or a bad name pointer)`
      return message
    }
    const type = readU16BE(bytes, name.next)
    const dataStart = name.next + 10
    const dataEnd = dataStart + readU16BE(bytes, name.next + 8)
    if (dataEnd > end) {
      message.problem = `answer ${index + 1} of ${answerCount} is cut short`
      return message
    }
    const answer = renderAnswer(bytes, start, end, type, dataStart, dataEnd)
    textLength += answer.length + 1
    if (textLength > MAX_ANSWERS_TEXT) {
      message.answers.push('…')
      break
    }
    message.answers.push(answer)
    at = dataEnd
  }
  return message
}

/** One network.dns event for a message read from a packet. */
export function dnsEvent(message: DnsMessage, context: PacketContext): NormalisedEvent {
  const fields = packetFields(context, 'network.dns', 'dns')
  const extra: ExtraFields = { 'dns.id': message.id, 'dns.type': message.response ? 'answer' : 'query' }
  fields['event.action'] = message.response ? 'dns_response' : 'dns_query'
  const question =
    message.questionName === null
      ? '(no question)'
      : `${dnsTypeName(message.questionType)} ${message.questionName}`
  if (message.questionName !== null) {
    fields['dns.question.name'] = message.questionName
    fields['dns.question.type'] = dnsTypeName(message.questionType)
  }
  if (message.questionCount > 1) extra['dns.question.count'] = message.questionCount
  if (message.opcode !== 0) extra['dns.op_code'] = OPCODE_NAMES[message.opcode] ?? `OPCODE${message.opcode}`
  if (message.problem !== null) extra['dns.problem'] = message.problem
  if (!message.response) {
    fields['message'] = `DNS query ${question}`
    return packetEvent(context, fields, extra)
  }
  const responseCode = dnsResponseCodeName(message.responseCode)
  fields['dns.response_code'] = responseCode
  fields['event.outcome'] = message.responseCode === 0 ? 'success' : 'failure'
  let summary = `DNS response ${responseCode} for ${question}`
  if (message.answers.length > 0) {
    const answers = message.answers.join(',')
    fields['dns.answers'] = answers
    extra['dns.answers_count'] = message.answers.length
    summary += `: ${answers.length > 200 ? `${answers.slice(0, 200)}…` : answers}`
  }
  fields['message'] = summary
  return packetEvent(context, fields, extra)
}

interface NameRead {
  text: string
  /** Where the record continues after the name (after its first pointer, if it has one). */
  next: number
}

/**
 * A possibly compressed name at `at`. Every pointer must point before the label run that contains it, so
 * positions strictly decrease from jump to jump and no crafted message can make the read loop.
 */
function readName(bytes: Uint8Array, messageStart: number, messageEnd: number, at: number): NameRead | null {
  let text = ''
  let position = at
  let runStart = at
  let next = -1
  let nameBytes = 1
  for (let jumps = 0; ;) {
    if (position >= messageEnd) return null
    const length = bytes[position]
    if (length === 0) {
      if (next < 0) next = position + 1
      return { text: text === '' ? '.' : text, next }
    }
    if ((length & 0xc0) === 0xc0) {
      if (position + 1 >= messageEnd || ++jumps > MAX_POINTER_JUMPS) return null
      const target = messageStart + (((length & 0x3f) << 8) | bytes[position + 1])
      if (target >= runStart) return null
      if (next < 0) next = position + 2
      position = target
      runStart = target
      continue
    }
    // 0x40 and 0x80 prefixes are extended label types (RFC 6891), obsolete and unused.
    if ((length & 0xc0) !== 0) return null
    nameBytes += length + 1
    if (nameBytes > MAX_NAME_BYTES || position + 1 + length > messageEnd) return null
    if (text !== '') text += '.'
    text += labelText(bytes, position + 1, position + 1 + length)
    position += 1 + length
  }
}

/** A label as zone-file text: printable ASCII as is, '.' and '\' escaped, other bytes as \DDD. */
function labelText(bytes: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let index = start; index < end; index++) {
    const code = bytes[index]
    if (code === 0x2e || code === 0x5c) text += `\\${String.fromCharCode(code)}`
    else if (code > 0x20 && code < 0x7f) text += String.fromCharCode(code)
    else text += `\\${String(code).padStart(3, '0')}`
  }
  return text
}

/** An answer's data as text: addresses, names, MX/SRV/SOA fields, quoted TXT strings. */
function renderAnswer(
  bytes: Uint8Array,
  messageStart: number,
  messageEnd: number,
  type: number,
  start: number,
  end: number
): string {
  const size = end - start
  switch (type) {
    case 1:
      if (size === 4) return ipv4Text(bytes, start)
      break
    case 28:
      if (size === 16) return ipv6Text(bytes, start)
      break
    case 2:
    case 5:
    case 12:
    case 39:
      return nameText(bytes, messageStart, messageEnd, start)
    case 15:
      if (size >= 3)
        return `${readU16BE(bytes, start)} ${nameText(bytes, messageStart, messageEnd, start + 2)}`
      break
    case 33:
      if (size >= 7) {
        return `${readU16BE(bytes, start)} ${readU16BE(bytes, start + 2)} ${readU16BE(bytes, start + 4)} ${nameText(bytes, messageStart, messageEnd, start + 6)}`
      }
      break
    case 6: {
      const primary = readName(bytes, messageStart, messageEnd, start)
      const mailbox = primary === null ? null : readName(bytes, messageStart, messageEnd, primary.next)
      if (primary !== null && mailbox !== null && mailbox.next + 4 <= end) {
        return `${primary.text} ${mailbox.text} ${readU32BE(bytes, mailbox.next)}`
      }
      break
    }
    case 16:
      return characterStrings(bytes, start, end)
  }
  return `${dnsTypeName(type)} (${size} bytes)`
}

function nameText(bytes: Uint8Array, messageStart: number, messageEnd: number, at: number): string {
  return readName(bytes, messageStart, messageEnd, at)?.text ?? '(unreadable name)'
}

/** TXT data: each <character-string> quoted, separated by spaces, as dig shows them. */
function characterStrings(bytes: Uint8Array, start: number, end: number): string {
  const parts: string[] = []
  let at = start
  while (at < end) {
    const length = bytes[at]
    const stringEnd = Math.min(at + 1 + length, end)
    let text = ''
    for (let index = at + 1; index < stringEnd; index++) {
      const code = bytes[index]
      if (code === 0x22 || code === 0x5c) text += `\\${String.fromCharCode(code)}`
      else if (code >= 0x20 && code < 0x7f) text += String.fromCharCode(code)
      else text += `\\${String(code).padStart(3, '0')}`
    }
    parts.push(`"${text}"`)
    at = stringEnd
  }
  return parts.join(' ')
}
