import { describe, expect, it } from 'vitest'
import {
  fileTimeMs,
  fileTimeText,
  fileTimeTicks
} from '../../../../../src-main/core/ingest/parsers/evtx/fileTime'

describe('FILETIME', () => {
  // 2019-08-14T14:06:44.4956740Z: (1565791604 s * 10^7 + 4956740) + 116444736000000000 = 132102652044956740
  const ticks = 132102652044956740n

  it('joins the two 32-bit halves as they sit in the file', () => {
    expect(fileTimeTicks(Number(ticks & 0xffffffffn), Number(ticks >> 32n))).toBe(ticks)
  })

  it('gives milliseconds since the Unix epoch', () => {
    expect(fileTimeMs(ticks)).toBe(Date.UTC(2019, 7, 14, 14, 6, 44, 495))
  })

  it('renders all seven fraction digits in UTC', () => {
    expect(fileTimeText(ticks)).toBe('2019-08-14T14:06:44.4956740Z')
    expect(fileTimeText(116444736000000000n)).toBe('1970-01-01T00:00:00.0000000Z')
  })

  it('reads times before 1970 and refuses ones a date cannot hold', () => {
    expect(fileTimeText(0n)).toBe('1601-01-01T00:00:00.0000000Z')
    expect(fileTimeMs(116444735999990001n)).toBe(-1)
    expect(fileTimeText(0xffffffffffffffffn)).toBeNull()
  })
})
