import { describe, expect, it } from 'vitest'
import { Uint32Table } from '../../../src-main/core/detect/ioc/uint32Table'

describe('Uint32Table', () => {
  it('stores the whole unsigned 32-bit key range, replaces values and survives growth', () => {
    const table = new Uint32Table()
    const keys = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]
    // Networks: spread over the whole range, low byte zero, like /24 keys in the IOC index.
    for (let i = 0; i < 5000; i++) keys.push((Math.imul(i, 2_654_435_761) & 0xffffff00) >>> 0)
    const unique = [...new Set(keys)]
    unique.forEach((key, position) => table.set(key, position))
    expect(table.size).toBe(unique.length)
    expect(unique.every((key, position) => table.get(key) === position)).toBe(true)
    table.set(2 ** 32 - 1, 7)
    expect(table.get(2 ** 32 - 1)).toBe(7)
    expect(table.size).toBe(unique.length)
    expect(table.get(3)).toBe(-1)
    expect(table.get(-1)).toBe(7)
  })
})
