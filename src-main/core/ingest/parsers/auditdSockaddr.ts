// SOCKADDR records carry the socket address a syscall used as the raw struct sockaddr bytes in hex
// (`saddr=02000050C0A80001…`). Decoded, they say which host and port a process connected to or accepted
// from, which is what a responder follows next.

import { normaliseIp } from './addresses'
import { auditHexBytes } from './auditdRecords'

export type SocketAddress =
  | { family: 'inet' | 'inet6'; address: string; port: number }
  | { family: 'unix'; path: string }
  | { family: 'netlink' }

const AF_UNIX = 1
const AF_INET = 2
const AF_INET6 = 10
const AF_NETLINK = 16
const UTF8 = new TextDecoder('utf-8')

/**
 * The address in a `saddr` value, or undefined when it is not hex or not a family read here. The family
 * is little-endian, as x86 and arm64 kernels write it; ports are in network order.
 */
export function decodeSockaddr(saddr: string): SocketAddress | undefined {
  const bytes = auditHexBytes(saddr)
  if (bytes === undefined || bytes.length < 2) return undefined
  const family = bytes[0] | (bytes[1] << 8)
  if (family === AF_INET && bytes.length >= 8) {
    return { family: 'inet', address: bytes.subarray(4, 8).join('.'), port: port(bytes) }
  }
  if (family === AF_INET6 && bytes.length >= 24) {
    const groups: string[] = []
    for (let index = 8; index < 24; index += 2)
      groups.push(((bytes[index] << 8) | bytes[index + 1]).toString(16))
    const address = normaliseIp(groups.join(':'))
    return address === null ? undefined : { family: 'inet6', address, port: port(bytes) }
  }
  if (family === AF_UNIX) {
    // An abstract socket's name starts with a NUL; `ss` and `netstat` show it with a leading '@'.
    const abstract = bytes.length > 2 && bytes[2] === 0
    const start = abstract ? 3 : 2
    let end = start
    while (end < bytes.length && bytes[end] !== 0) end++
    return { family: 'unix', path: `${abstract ? '@' : ''}${UTF8.decode(bytes.subarray(start, end))}` }
  }
  if (family === AF_NETLINK) return { family: 'netlink' }
  return undefined
}

function port(bytes: Uint8Array): number {
  return (bytes[2] << 8) | bytes[3]
}
