// TLS ClientHello messages: the server name the client asked for (SNI), the highest version it offers and
// its JA3 fingerprint. The hello is read from the handshake record at the start of a client segment; the
// caller gathers the following segments first when the record is longer than one segment.

import { createHash } from 'node:crypto'
import type { NormalisedEvent } from '../../../../common/event'
import type { ExtraFields } from '../results'
import { readU16BE } from './bytes'
import { packetEvent, packetFields, type PacketContext } from './packetEvent'

export interface ClientHello {
  serverName: string | null
  /** Highest version offered: supported_versions when present (TLS 1.3), else the hello's version. */
  version: number
  /** MD5 of the JA3 string (Salesforce JA3: version, ciphers, extensions, groups, point formats). */
  ja3: string
}

const RECORD_HEADER_BYTES = 5
const HANDSHAKE = 0x16
const CLIENT_HELLO = 1
/** A record holds at most 2^14 bytes of plaintext; allow the expansion a few stacks add. */
export const MAX_HELLO_RECORD_BYTES = RECORD_HEADER_BYTES + 16_384 + 2_048
const EXTENSION_SERVER_NAME = 0
const EXTENSION_SUPPORTED_GROUPS = 10
const EXTENSION_POINT_FORMATS = 11
const EXTENSION_SUPPORTED_VERSIONS = 43

/**
 * The length of the handshake record that starts bytes[start, end) when it starts a ClientHello, else -1.
 * Only the record header and handshake type are checked, so a partial segment answers too.
 */
export function clientHelloRecordLength(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < RECORD_HEADER_BYTES + 1) return -1
  if (bytes[start] !== HANDSHAKE || bytes[start + 1] !== 3 || bytes[start + 2] > 4) return -1
  if (bytes[start + 5] !== CLIENT_HELLO) return -1
  const length = readU16BE(bytes, start + 3)
  const total = RECORD_HEADER_BYTES + length
  return total <= MAX_HELLO_RECORD_BYTES ? total : -1
}

/** The ClientHello in the complete record bytes[start, end), or why it cannot be read. */
export function readClientHello(bytes: Uint8Array, start: number, end: number): ClientHello | string {
  const body = start + RECORD_HEADER_BYTES + 4
  const bodyEnd = Math.min(end, body + ((bytes[start + 6] << 16) | readU16BE(bytes, start + 7)))
  let at = body
  if (at + 35 > bodyEnd) return 'ClientHello cut short before its session id'
  const helloVersion = readU16BE(bytes, at)
  at += 34
  at += 1 + bytes[at]
  if (at + 2 > bodyEnd) return 'ClientHello cut short before its cipher suites'
  const ciphersEnd = at + 2 + readU16BE(bytes, at)
  if (ciphersEnd > bodyEnd) return 'ClientHello cipher suites cut short'
  const ciphers: number[] = []
  for (let cipher = at + 2; cipher + 2 <= ciphersEnd; cipher += 2)
    pushUnlessGrease(ciphers, readU16BE(bytes, cipher))
  at = ciphersEnd
  if (at + 1 > bodyEnd) return 'ClientHello cut short before its compression methods'
  at += 1 + bytes[at]
  const hello: ClientHello = { serverName: null, version: helloVersion, ja3: '' }
  const extensions: number[] = []
  const groups: number[] = []
  const pointFormats: number[] = []
  if (at + 2 <= bodyEnd) {
    const extensionsEnd = Math.min(bodyEnd, at + 2 + readU16BE(bytes, at))
    at += 2
    while (at + 4 <= extensionsEnd) {
      const type = readU16BE(bytes, at)
      const dataStart = at + 4
      const dataEnd = dataStart + readU16BE(bytes, at + 2)
      if (dataEnd > extensionsEnd) return `ClientHello extension ${type} runs past the hello`
      pushUnlessGrease(extensions, type)
      if (type === EXTENSION_SERVER_NAME) hello.serverName = serverName(bytes, dataStart, dataEnd)
      else if (type === EXTENSION_SUPPORTED_GROUPS) readU16List(bytes, dataStart + 2, dataEnd, groups)
      else if (type === EXTENSION_POINT_FORMATS) {
        for (let format = dataStart + 1; format < dataEnd; format++) pointFormats.push(bytes[format])
      } else if (type === EXTENSION_SUPPORTED_VERSIONS) {
        const versions: number[] = []
        readU16List(bytes, dataStart + 1, dataEnd, versions)
        for (const version of versions)
          if (version > hello.version && version <= 0x0304) hello.version = version
      }
      at = dataEnd
    }
  }
  const ja3Text = [
    helloVersion,
    ciphers.join('-'),
    extensions.join('-'),
    groups.join('-'),
    pointFormats.join('-')
  ]
  hello.ja3 = createHash('md5').update(ja3Text.join(',')).digest('hex')
  return hello
}

/** One network.tls event for a ClientHello that names a server. */
export function tlsEvent(
  hello: ClientHello & { serverName: string },
  context: PacketContext
): NormalisedEvent {
  const fields = packetFields(context, 'network.tls', 'tls')
  const { protocol, version } = versionName(hello.version)
  fields['event.action'] = 'tls_client_hello'
  fields['tls.client.server_name'] = hello.serverName
  fields['destination.domain'] = hello.serverName
  fields['message'] = `TLS ClientHello for ${hello.serverName} (${protocol.toUpperCase()} ${version})`
  const extra: ExtraFields = {
    'tls.version': version,
    'tls.version_protocol': protocol,
    'tls.client.ja3': hello.ja3
  }
  return packetEvent(context, fields, extra)
}

/** ECS tls.version and tls.version_protocol: 0x0303 is TLS '1.2', 0x0300 is SSL '3.0'. */
function versionName(version: number): { protocol: string; version: string } {
  if (version === 0x0300) return { protocol: 'ssl', version: '3.0' }
  if (version >= 0x0301 && version <= 0x0304) return { protocol: 'tls', version: `1.${version - 0x0301}` }
  return { protocol: 'tls', version: `0x${version.toString(16).padStart(4, '0')}` }
}

/** The host_name entry of a server_name extension (RFC 6066), as text. */
function serverName(bytes: Uint8Array, start: number, end: number): string | null {
  let at = start + 2
  while (at + 3 <= end) {
    const type = bytes[at]
    const length = readU16BE(bytes, at + 1)
    const nameEnd = at + 3 + length
    if (nameEnd > end) return null
    if (type === 0) {
      let name = ''
      for (let index = at + 3; index < nameEnd; index++) {
        const code = bytes[index]
        name +=
          code > 0x20 && code < 0x7f ? String.fromCharCode(code) : `\\x${code.toString(16).padStart(2, '0')}`
      }
      return name === '' ? null : name
    }
    at = nameEnd
  }
  return null
}

function readU16List(bytes: Uint8Array, start: number, end: number, into: number[]): void {
  for (let at = start; at + 2 <= end; at += 2) pushUnlessGrease(into, readU16BE(bytes, at))
}

/** GREASE values (RFC 8701, 0x?a?a with equal bytes) are random per client and left out of JA3. */
function pushUnlessGrease(into: number[], value: number): void {
  if ((value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff)) return
  into.push(value)
}
