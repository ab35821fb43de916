// A pcapng interface as its Interface Description Block declares it: link type, snapshot length and the
// clock its packet timestamps count in (if_tsresol, if_tsoffset), and the conversion of those 64-bit
// tick counts to Unix seconds and nanoseconds.

import { readU16, readU32 } from './bytes'

const MAX_DECIMAL_RESOLUTION = 18
const OPTION_END = 0
const OPTION_TIMESTAMP_RESOLUTION = 9
const OPTION_TIMESTAMP_OFFSET = 14

/** A pcapng interface's clock and framing, from its Interface Description Block. */
export interface CaptureInterface {
  linkType: number
  snapLength: number
  unitsPerSecond: number
  fractionDigits: number
  offsetSeconds: number
}

/** The interface described by the block at bytes[start, start + length), in the section's byte order. */
export function readInterfaceDescription(
  bytes: Uint8Array,
  start: number,
  length: number,
  little: boolean
): CaptureInterface {
  const captureInterface: CaptureInterface = {
    linkType: length >= 20 ? readU16(bytes, start + 8, little) : -1,
    snapLength: length >= 20 ? readU32(bytes, start + 12, little) : 0,
    unitsPerSecond: 1e6,
    fractionDigits: 6,
    offsetSeconds: 0
  }
  const optionsEnd = start + length - 4
  let at = start + 16
  while (at + 4 <= optionsEnd) {
    const code = readU16(bytes, at, little)
    const valueLength = readU16(bytes, at + 2, little)
    const value = at + 4
    if (code === OPTION_END || value + valueLength > optionsEnd) break
    if (code === OPTION_TIMESTAMP_RESOLUTION && valueLength >= 1)
      setResolution(captureInterface, bytes[value])
    if (code === OPTION_TIMESTAMP_OFFSET && valueLength >= 8) {
      const high = readU32(bytes, little ? value + 4 : value, little) | 0
      const low = readU32(bytes, little ? value : value + 4, little)
      captureInterface.offsetSeconds = high * 4294967296 + low
    }
    at = value + ((valueLength + 3) & ~3)
  }
  return captureInterface
}

/** if_tsresol: bit 7 clear is 10^-n seconds, set is 2^-n seconds (pcapng spec, section 4.2). */
function setResolution(captureInterface: CaptureInterface, resolution: number): void {
  const exponent = resolution & 0x7f
  if ((resolution & 0x80) !== 0) {
    if (exponent > 62) return
    captureInterface.unitsPerSecond = 2 ** exponent
    captureInterface.fractionDigits = exponent <= 20 ? 6 : 9
  } else {
    if (exponent > MAX_DECIMAL_RESOLUTION) return
    captureInterface.unitsPerSecond = 10 ** exponent
    captureInterface.fractionDigits = exponent <= 6 ? 6 : 9
  }
}

/** A 64-bit tick count in the interface's units, as Unix seconds and nanoseconds. */
export function pcapngTime(
  high: number,
  low: number,
  captureInterface: CaptureInterface
): { seconds: number; nanoseconds: number } {
  const units = captureInterface.unitsPerSecond
  let seconds: number
  let remainder: number
  if (high < 0x200000) {
    // Below 2^53 ticks a double holds the count exactly (microsecond clocks until the year 2255).
    const ticks = high * 4294967296 + low
    seconds = Math.floor(ticks / units)
    remainder = ticks - seconds * units
    if (remainder < 0) {
      seconds -= 1
      remainder += units
    }
  } else {
    const ticks = (BigInt(high) << 32n) | BigInt(low)
    const bigUnits = BigInt(units)
    seconds = Number(ticks / bigUnits)
    remainder = Number(ticks % bigUnits)
  }
  const nanoseconds = units === 1e9 ? remainder : Math.floor((remainder * 1e9) / units)
  return { seconds: seconds + captureInterface.offsetSeconds, nanoseconds }
}
