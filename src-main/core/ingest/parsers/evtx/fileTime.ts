// Windows FILETIME (100 ns intervals since 1601-01-01 UTC) as Cairn needs it: milliseconds for the event's
// timestamp, and text with all seven fraction digits, as Windows itself renders a SystemTime attribute.

/** 100 ns intervals between 1601-01-01 and 1970-01-01. */
const EPOCH_DIFFERENCE = 116_444_736_000_000_000n
const TICKS_PER_MS = 10_000n
const TICKS_PER_SECOND = 10_000_000n

/** A FILETIME from its two little-endian 32-bit halves, as they sit in the file. */
export function fileTimeTicks(low: number, high: number): bigint {
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)
}

/** Milliseconds since the Unix epoch (fractions of a millisecond dropped, before 1970 negative). */
export function fileTimeMs(ticks: bigint): number {
  const since1970 = ticks - EPOCH_DIFFERENCE
  const ms = since1970 / TICKS_PER_MS
  return Number(since1970 < 0n && since1970 % TICKS_PER_MS !== 0n ? ms - 1n : ms)
}

/** The last whole second rendered: the records of a log come seconds apart, each with several times. */
let renderedSeconds = NaN
let renderedPrefix: string | null = null

/** `2019-08-14T14:06:44.4956740Z`: the full precision, UTC. Null past the year 9999 (not a real time). */
export function fileTimeText(ticks: bigint): string | null {
  const since1970 = ticks - EPOCH_DIFFERENCE
  let seconds = since1970 / TICKS_PER_SECOND
  let fraction = since1970 % TICKS_PER_SECOND
  if (fraction < 0n) {
    fraction += TICKS_PER_SECOND
    seconds -= 1n
  }
  const whole = Number(seconds)
  if (whole !== renderedSeconds) {
    const date = new Date(whole * 1000)
    renderedSeconds = whole
    renderedPrefix =
      Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 ? null : date.toISOString().slice(0, 19)
  }
  return renderedPrefix === null ? null : `${renderedPrefix}.${fraction.toString().padStart(7, '0')}Z`
}
