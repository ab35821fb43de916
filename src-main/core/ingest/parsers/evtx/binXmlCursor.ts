// Where the Binary XML compiler stands in a chunk, and the reads it makes there: integers, UTF-16 text and
// names (skipping a name stored in place), each checked against the end of the range being read, so damaged
// bytes end in an EvtxDecodeError naming the offset instead of a read past the range.

import { EvtxDecodeError, type XmlNode } from './evtxTypes'
import { MORE_FLAG, NAME_OVERHEAD, Token, tokenLabel } from './binXmlTokens'
import { utf16Text } from './binXmlStrings'
import type { ChunkBytes } from './binXmlValueFormats'

/** What the compiler needs from the decoder: the chunk, its names, and template instances. */
export interface BinXmlContext {
  readonly chunk: ChunkBytes
  /** The name stored at `offset` in the chunk; `at` is where it is referred to, for messages. */
  name(offset: number, at: number): string
  /** The nodes of the template instance whose token is at `at`, and the offset just past its values. */
  templateInstance(at: number, limit: number, depth: number): { nodes: XmlNode[]; end: number }
}

export const hex = (offset: number): string => `0x${offset.toString(16)}`

export class BinXmlCursor {
  protected readonly bytes: Uint8Array
  protected readonly view: DataView

  constructor(
    protected readonly context: BinXmlContext,
    protected pos: number,
    protected readonly limit: number
  ) {
    this.bytes = context.chunk.bytes
    this.view = context.chunk.view
  }

  /** The name whose offset is at pos; a name stored right there (first use in the chunk) is skipped. */
  protected name(): string {
    this.need(4, 'name offset')
    const offset = this.view.getUint32(this.pos, true)
    this.pos += 4
    const name = this.context.name(offset, this.pos - 4)
    if (offset === this.pos) {
      this.need(NAME_OVERHEAD + name.length * 2, `name "${name}"`)
      this.pos += NAME_OVERHEAD + name.length * 2
    }
    return name
  }

  /** `length` UTF-16 characters at `from`; moves pos past them. */
  protected utf16(length: number, from: number): string {
    this.pos = from
    this.need(length * 2, 'text')
    this.pos += length * 2
    return utf16Text(this.bytes, from, length)
  }

  protected u16(at: number): number {
    return this.view.getUint16(at, true)
  }

  protected need(size: number, what: string): void {
    if (this.pos + size > this.limit) {
      throw this.error(
        `${what} at chunk offset ${hex(this.pos)} needs ${size} bytes but its range ends at ${hex(this.limit)}`
      )
    }
  }

  protected unexpected(token: number): string {
    const known = (token & ~MORE_FLAG) <= Token.fragmentHeader
    return known
      ? `unexpected ${tokenLabel(token)} token`
      : `unknown Binary XML token 0x${token.toString(16)}`
  }

  protected error(reason: string): EvtxDecodeError {
    return new EvtxDecodeError(this.pos, reason)
  }
}
