// The evidence register: each source with its format, status, counts, time span (zone written out) and a
// short hash whose full value is on hover and one click from the clipboard; sources whose import stopped
// part-way can be resumed (their job then shows in the import list) or removed after a confirmation.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EvidenceRecord } from '../../src-main/common/domain'
import EvidenceTable from '../../src-renderer/features/ingest/EvidenceTable.vue'
import { useEvidenceStore } from '../../src-renderer/stores/evidence'
import { useJobsStore } from '../../src-renderer/stores/jobs'
import { makeCase, makeEvidence } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

let backend: TestBackend
let evidence: EvidenceRecord[]

const COMPLETE = makeEvidence({ skipped: 3 })
const CANCELLED = makeEvidence({
  id: 'ev-2',
  name: 'logs.zip › logs/auth.log',
  path: '/evidence/logs.zip',
  container: { path: '/evidence/logs.zip', sha256: 'c'.repeat(64), entry: 'logs/auth.log' },
  format: 'syslog_rfc3164',
  sha256: '0123456789abcdef'.repeat(4),
  records: 400,
  events: 400,
  rejected: 0,
  firstEventAt: null,
  lastEventAt: null,
  status: 'cancelled'
})

async function mountTable() {
  const view = mount(EvidenceTable, { global: { plugins: [backend.pinia] } })
  await flushPromises()
  const rows = () => view.findAll('[data-testid="evidence-row"]')
  return { view, rows }
}

describe('evidence table', () => {
  beforeEach(() => {
    backend = setupBackend()
    evidence = [COMPLETE, CANCELLED]
    backend.transport
      .answer('evidence.list', () => evidence)
      .answer('case.current', () => makeCase())
      .answer('events.query', () => ({ total: 0, offset: 0, events: [] }))
    openCase(makeCase())
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows each source with its format, status, counts, time span and short hash', async () => {
    const { rows } = await mountTable()
    const [complete, cancelled] = rows()

    expect(complete.text()).toContain('access.log')
    expect(complete.text()).toContain('Apache/nginx access (combined) · 4.00 KiB')
    expect(complete.find('[data-testid="evidence-status"]').text()).toBe('Complete')
    const counts = complete.findAll('td.numeric').map((cell) => cell.text())
    expect(counts).toEqual(['1,000', '998', '2', '3'])
    expect(complete.text()).toContain('2026-03-14 03:12:44 UTC')
    expect(complete.text()).toContain('2026-03-14 04:12:44 UTC')
    expect(complete.find('[title="' + 'a'.repeat(64) + '"]').text()).toBe('aaaaaaaaaaaa…')
    expect(complete.find('[data-testid="evidence-resume"]').exists()).toBe(false)

    expect(cancelled.text()).toContain('logs.zip › logs/auth.log')
    expect(cancelled.find('[title="/evidence/logs.zip › logs/auth.log"]').exists()).toBe(true)
    expect(cancelled.find('[data-testid="evidence-status"]').text()).toBe('Cancelled')
    expect(cancelled.text()).toContain('No event times')
    expect(cancelled.find('[data-testid="evidence-resume"]').attributes('aria-label')).toBe(
      'Resume the import of logs.zip › logs/auth.log'
    )
  })

  it('copies the full hash', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { rows } = await mountTable()

    await rows()[1].find('[data-testid="hash-copy"]').trigger('click')
    expect(writeText).toHaveBeenCalledWith('0123456789abcdef'.repeat(4))
  })

  it('resumes a stopped import and follows its job in the import list', async () => {
    backend.transport.answer('ingest.resume', () => {
      evidence = [COMPLETE, { ...CANCELLED, status: 'importing' }]
      return { jobId: 'job-resume' }
    })
    const { rows } = await mountTable()

    await rows()[1].find('[data-testid="evidence-resume"]').trigger('click')
    await flushPromises()

    expect(backend.transport.callsTo('ingest.resume')).toEqual([{ caseId: 'case-1', evidenceId: 'ev-2' }])
    expect(useJobsStore().byId['job-resume']).toMatchObject({ caseId: 'case-1', kind: 'ingest' })
    expect(useEvidenceStore().importRows[0]).toMatchObject({
      fileName: 'logs.zip › logs/auth.log',
      state: 'importing'
    })
    expect(rows()[1].find('[data-testid="evidence-status"]').text()).toBe('Importing')
    expect(rows()[1].find('[data-testid="evidence-resume"]').exists()).toBe(false)
  })

  it('removes a stopped import only once the analyst confirms', async () => {
    backend.transport.answer('evidence.remove', () => {
      evidence = [COMPLETE]
      return { removed: true }
    })
    const { view, rows } = await mountTable()
    const confirmDialog = () =>
      view.findAll('dialog').find((dialog) => dialog.text().includes('Remove evidence?'))

    await rows()[1].find('[data-testid="evidence-remove"]').trigger('click')
    expect(confirmDialog()?.attributes('open')).toBeDefined()
    expect(confirmDialog()?.text()).toContain('“logs.zip › logs/auth.log” and the 400 events read from it')
    await confirmDialog()
      ?.findAll('button')
      .find((button) => button.text() === 'Keep')
      ?.trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('evidence.remove')).toEqual([])
    expect(confirmDialog()?.attributes('open')).toBeUndefined()

    await rows()[1].find('[data-testid="evidence-remove"]').trigger('click')
    await view.find('[data-testid="evidence-remove-confirm"]').trigger('click')
    await flushPromises()

    expect(backend.transport.callsTo('evidence.remove')).toEqual([{ caseId: 'case-1', evidenceId: 'ev-2' }])
    expect(rows()).toHaveLength(1)
  })
})
