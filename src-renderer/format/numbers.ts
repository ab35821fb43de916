// Every number a responder reads carries its unit. Counts use grouping separators; sizes use binary units
// with the exact byte count available for a tooltip, because evidence sizes get compared with other tools.

const countFormat = new Intl.NumberFormat('en-US')

export function formatCount(value: number): string {
  return countFormat.format(value)
}

/** "3 lines", "1 line": a count with its unit, singular when it is one. */
export function formatQuantity(value: number, unit: string, plural = `${unit}s`): string {
  return `${formatCount(value)} ${value === 1 ? unit : plural}`
}

const BYTE_UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return formatQuantity(bytes, 'byte')
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${BYTE_UNITS[unit]}`
}

/** Whole percent of done over total; 0 when the total is not known yet. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0
  return Math.min(100, Math.floor((done / total) * 100))
}
