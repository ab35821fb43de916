// Floating-point values as evtx_dump (Rust's Display) writes them: the shortest digits that read back as the
// same number, in plain decimal notation (never 1e-7), so a Real32 reads 0.1 and not 0.10000000149011612.

/** Plain decimal text of a float; `single` when it was stored as 32 bits. */
export function realText(value: number, single: boolean): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  return plainDecimal(single ? shortestSingle(value) : String(value))
}

function shortestSingle(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toPrecision(digits)
    if (Math.fround(Number(text)) === value) return String(Number(text))
  }
  return String(value)
}

/** `1e-7` → `0.0000001`, `1.5e+21` → `1500000000000000000000`; other text unchanged. */
function plainDecimal(text: string): string {
  const e = text.indexOf('e')
  if (e === -1) return text
  const negative = text.startsWith('-')
  const mantissa = text.slice(negative ? 1 : 0, e)
  const exponent = Number(text.slice(e + 1))
  const point = mantissa.indexOf('.')
  const digits = mantissa.replace('.', '')
  const pointAt = (point === -1 ? mantissa.length : point) + exponent
  const plain =
    pointAt <= 0
      ? `0.${'0'.repeat(-pointAt)}${digits}`
      : pointAt >= digits.length
        ? digits + '0'.repeat(pointAt - digits.length)
        : `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
  return negative ? `-${plain}` : plain
}
