// Decides how to read a source from its first bytes: a binary format by magic number, a refusal (empty,
// binary garbage), or the best text format of a sniffed sample — unless the analyst chose a
// format, which is then used as chosen. The same decision serves the import preview and the import itself.

import type { FormatGuess, LogFormat } from '../../common/domain'
import { identifyByMagic, MIN_SNIFF_CONFIDENCE, sniffText } from './formatRegistry'
import { sampleLines } from './sourceSample'

export interface FormatChoice {
  format: LogFormat | null
  guesses: FormatGuess[]
  /** Why the source cannot be read as it is; null when it can. */
  problem: string | null
}

/** `complete` says the head is the whole source (its last line is not cut). */
export function chooseFormat(head: Buffer, complete: boolean, requested?: LogFormat): FormatChoice {
  const magic = identifyByMagic(head.subarray(0, 64))
  if (magic) {
    return {
      format: requested ?? magic.format,
      guesses: [{ format: magic.format, confidence: 1 }],
      problem: null
    }
  }
  if (head.length === 0) return { format: null, guesses: [], problem: 'the source is empty' }
  const lines = sampleLines(head, complete)
  const guesses = sniffText(lines)
  if (requested) return { format: requested, guesses, problem: null }
  if (lines.length === 0) return { format: null, guesses, problem: 'the source holds no text lines' }
  const best = guesses[0]
  if (!best || best.confidence < MIN_SNIFF_CONFIDENCE) {
    // A log may hold a few binary lines (a TLS handshake sent to an HTTP port): only a source no format
    // reads, with NUL bytes in it, is called binary.
    if (looksBinary(head)) {
      return {
        format: null,
        guesses,
        problem: 'the source looks binary (NUL bytes), not a text log or a capture'
      }
    }
    const detail = best
      ? ` (best guess ${best.format} fits ${Math.round(best.confidence * 100)}% of the first lines)`
      : ''
    return {
      format: null,
      guesses,
      problem: `not in a format Cairn recognises${detail}; choose the format explicitly if you know it`
    }
  }
  return { format: best.format, guesses, problem: null }
}

/** NUL bytes do not occur in text logs in any encoding Cairn reads (UTF-8); they do in binary files. */
function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 8192).includes(0)
}
