// Scaled scrolling keeps million-row tables within the browser's maximum element height.

import { describe, expect, it } from 'vitest'
import { MAX_SCROLL_HEIGHT, physicalHeight, scrollScale } from '../../src-renderer/components/scrollScale'

describe('scroll scale', () => {
  it('is 1 while the content fits', () => {
    expect(scrollScale(100_000 * 26, 600)).toBe(1)
    expect(physicalHeight(100_000 * 26)).toBe(2_600_000)
  })

  it('maps the physical scroll range onto the whole virtual range beyond the cap', () => {
    const content = 5_000_000 * 26
    const viewport = 600
    const scale = scrollScale(content, viewport)
    expect(physicalHeight(content)).toBe(MAX_SCROLL_HEIGHT)
    expect((MAX_SCROLL_HEIGHT - viewport) * scale).toBeCloseTo(content - viewport, 3)
  })
})
