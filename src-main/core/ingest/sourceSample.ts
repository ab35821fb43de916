// The first bytes of a source, for choosing its format before reading it: taken from the decompressed
// stream and put back in front of the rest, so the source is still read whole, once. Also turns that head
// into the sample lines that text formats sniff.

/** Enough for 200 lines of any log, and for the header block of a Zeek or IIS log. */
export const SAMPLE_BYTES = 256 * 1024
export const SAMPLE_LINES = 200

export interface SampledStream {
  head: Buffer
  /** Every byte of the stream, head first. */
  stream: AsyncIterable<Buffer>
}

export async function sampleStream(
  source: AsyncIterable<Buffer>,
  bytes = SAMPLE_BYTES
): Promise<SampledStream> {
  const iterator = source[Symbol.asyncIterator]()
  const chunks: Buffer[] = []
  let have = 0
  let finished = false
  while (have < bytes) {
    const next = await iterator.next()
    if (next.done) {
      finished = true
      break
    }
    chunks.push(next.value)
    have += next.value.length
  }
  async function* whole(): AsyncGenerator<Buffer> {
    yield* chunks
    if (finished) return
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return { head: Buffer.concat(chunks), stream: whole() }
}

/** Complete, non-empty lines of a sampled head (a cut last line is left out), at most `limit` of them. */
export function sampleLines(head: Buffer, complete: boolean, limit = SAMPLE_LINES): string[] {
  const text = head.toString('utf8')
  const lines = text.split('\n')
  if (!complete && lines.length > 1) lines.pop()
  const sample: string[] = []
  for (const line of lines) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line
    if (trimmed.trim() === '') continue
    sample.push(trimmed)
    if (sample.length >= limit) break
  }
  return sample
}
