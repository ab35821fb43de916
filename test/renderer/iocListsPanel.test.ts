// The IOC lists panel of the ingest screen: each loaded list with its counts by type, rejected lines,
// hash and load time; picking a file imports it and asks for detection to run again; an empty state
// when the case has no list.

import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { IocListSummary } from '../../src-main/common/domain'
import IocListsPanel from '../../src-renderer/features/ingest/IocListsPanel.vue'
import type { FakeTransport } from './support/fakeTransport'
import { makeCase, makeIocList, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const LOADED = makeIocList({
  counts: { domain: 2, ip: 4, cidr: 1, sha256: 1_200 },
  rejected: 3,
  sha256: '3f'.repeat(32)
})
const PICKED = makeIocList({
  id: 'ioc-list-2',
  name: 'c2-domains.csv',
  counts: { domain: 5, user_agent: 1 },
  loadedAt: T0 + 60_000
})

let backend: TestBackend
let transport: FakeTransport
let stored: IocListSummary[]

async function mountPanel() {
  const panel = mount(IocListsPanel, { global: { plugins: [backend.pinia] } })
  await flushPromises()
  return panel
}

async function pick(panel: Awaited<ReturnType<typeof mountPanel>>, file: File): Promise<void> {
  const input = panel.find('[data-testid="ioc-file-input"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

describe('IocListsPanel', () => {
  beforeEach(() => {
    backend = setupBackend()
    transport = backend.transport
    stored = [LOADED]
    transport
      .answer('iocs.list', () => stored)
      .answer('iocs.import', () => {
        stored = [...stored, PICKED]
        return PICKED
      })
      .answer('detect.runs', () => [])
      .answer('alerts.list', () => [])
      .answer('detect.run', () => ({ jobId: 'job-detect' }))
    openCase(makeCase())
  })

  it('shows each list with its counts by type, rejected lines, hash and load time', async () => {
    const panel = await mountPanel()

    const rows = panel.findAll('[data-testid="ioc-list-row"]')
    expect(rows).toHaveLength(1)
    const row = rows[0]
    expect(row.text()).toContain('bad-actors.txt')
    expect(row.text()).toContain('1,207 indicators')
    expect(row.find('[data-testid="ioc-list-counts"]').text()).toBe(
      '4 IP · 1 CIDR · 2 domain · 1,200 SHA-256'
    )
    expect(row.find('[data-testid="ioc-list-rejected"]').text()).toBe('3 lines rejected')
    const hash = row.find('[data-testid="ioc-list-sha256"]')
    expect(hash.text()).toBe(`${'3f'.repeat(8)}…`)
    expect(hash.attributes('title')).toBe('3f'.repeat(32))
    expect(row.find('time').text()).toBe('2026-03-14 03:12:44 UTC')
    expect(panel.find('[data-testid="ioc-lists"]').exists()).toBe(true)
  })

  it('leaves out the rejected count when every line was read', async () => {
    stored = [makeIocList()]
    const panel = await mountPanel()

    expect(panel.find('[data-testid="ioc-list-rejected"]').exists()).toBe(false)
  })

  it('imports a picked file, lists it, and offers to run detection again', async () => {
    // The one list already loaded was matched by the IOC engine's last run.
    transport.answer('detect.runs', () => [
      {
        engine: 'ioc',
        title: 'IOC matching',
        status: 'success',
        priority: 'high',
        summary: '2 indicators matched.',
        alerts: 2,
        startedAt: T0 + 1_000,
        finishedAt: T0 + 2_000
      }
    ])
    const panel = await mountPanel()
    expect(panel.find('[data-testid="ioc-rerun-notice"]').exists()).toBe(false)

    await pick(panel, new File(['evil.example\n'], 'c2-domains.csv'))

    expect(transport.callsTo('iocs.import')).toEqual([
      { caseId: 'case-1', source: { uploadId: 'upload-c2-domains-csv' } }
    ])
    const rows = panel.findAll('[data-testid="ioc-list-row"]')
    expect(rows.map((row) => row.find('[data-testid="ioc-list-counts"]').text())).toEqual([
      '4 IP · 1 CIDR · 2 domain · 1,200 SHA-256',
      '5 domain · 1 user agent'
    ])
    const notice = panel.find('[data-testid="ioc-rerun-notice"]')
    expect(notice.text()).toContain('c2-domains.csv is not matched yet: detection must run again')

    await notice.find('[data-testid="ioc-run-detection-button"]').trigger('click')
    await flushPromises()
    expect(transport.callsTo('detect.run')).toEqual([{ caseId: 'case-1' }])
  })

  it('says the list is loading while the import runs', async () => {
    let release: () => void = () => undefined
    transport.answer('iocs.import', async () => {
      await new Promise<void>((resolve) => (release = resolve))
      return PICKED
    })
    const panel = await mountPanel()

    await pick(panel, new File(['evil.example\n'], 'c2-domains.csv'))
    const button = panel.find('[data-testid="ioc-load-button"]')
    expect(button.text()).toBe('Loading c2-domains.csv…')
    expect(button.attributes('disabled')).toBeDefined()

    release()
    await flushPromises()
    expect(button.text()).toBe('Load IOC list…')
    expect(button.attributes('disabled')).toBeUndefined()
  })

  it('shows an empty state when no list is loaded', async () => {
    stored = []
    const panel = await mountPanel()

    expect(panel.findAll('[data-testid="ioc-list-row"]')).toHaveLength(0)
    expect(panel.text()).toContain('No IOC lists loaded')
    expect(panel.find('[data-testid="ioc-load-button"]').text()).toBe('Load IOC list…')
    expect(panel.find('[data-testid="ioc-rerun-notice"]').exists()).toBe(false)
  })
})
