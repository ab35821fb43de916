// A timestamp reads in the display zone with its offset; the tooltip's exact ISO value is UTC and says so.

import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import TimeStamp from '../../src-renderer/components/TimeStamp.vue'
import { makeCase, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'

describe('TimeStamp', () => {
  it('labels the tooltip UTC whatever the display zone', () => {
    const { pinia } = setupBackend()
    openCase(makeCase({ displayTimeZone: 'Europe/Berlin' }))
    const stamp = mount(TimeStamp, { props: { ms: T0 }, global: { plugins: [pinia] } })

    expect(stamp.text()).toBe('2026-03-14 04:12:44 UTC+01:00')
    expect(stamp.attributes('title')).toBe('2026-03-14T03:12:44.000Z (UTC)')
  })
})
