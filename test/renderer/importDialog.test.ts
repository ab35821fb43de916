// The import dialog: each dropped file is handed over and previewed, every source it holds shows what it
// was detected as (with confidence) and its first records; the analyst's overrides sample it again (late
// answers to older choices are ignored), typed choices are validated, sources that cannot be imported stay
// unticked, and "Import" starts the ticked ones with their options, checked against the contract.

import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SourcePreview } from '../../src-main/common/domain'
import ImportDialog from '../../src-renderer/features/ingest/ImportDialog.vue'
import { useEvidenceStore } from '../../src-renderer/stores/evidence'
import { useImportDraftStore } from '../../src-renderer/stores/importDraft'
import { useUiStore } from '../../src-renderer/stores/ui'
import { deferred } from './support/deferred'
import { makeCase, makePreviewRecord, makeSourcePreview } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

let backend: TestBackend
let nextJob: number

async function openDialog(
  previews: (request: Record<string, unknown>) => SourcePreview[],
  fileName = 'access.log'
): Promise<VueWrapper> {
  backend.transport.answer('ingest.preview', (request) => previews(request as Record<string, unknown>))
  const view = mount(ImportDialog, { global: { plugins: [backend.pinia] } })
  await useImportDraftStore().addFiles([new File(['x'.repeat(64)], fileName)])
  await flushPromises()
  return view
}

const cards = (view: VueWrapper) => view.findAll('[data-testid="source-card"]')
const startButton = (view: VueWrapper) => view.find('[data-testid="import-start"]')

describe('import dialog', () => {
  beforeEach(() => {
    backend = setupBackend()
    nextJob = 1
    backend.transport
      .answer('evidence.list', () => [])
      .answer('ingest.start', () => ({ jobIds: [`job-${nextJob++}`] }))
    openCase(makeCase())
  })

  it('shows the detected format with its confidence and the first records in the display zone', async () => {
    useUiStore().displayTimeZone = 'Europe/Berlin'
    const view = await openDialog(() => [makeSourcePreview()])

    expect(view.find('[data-testid="import-dialog"]').attributes('open')).toBeDefined()
    expect(backend.transport.callsTo('ingest.preview')).toEqual([
      { caseId: 'case-1', source: { uploadId: 'upload-access-log' }, timeZone: 'Europe/Berlin' }
    ])
    expect(cards(view)).toHaveLength(1)
    expect(view.find('[data-testid="source-format-summary"]').text()).toBe(
      'Apache/nginx access (combined) · 98 %'
    )
    expect(view.find('[data-testid="source-zone-note"]').text()).toBe(
      'Timestamps in this format carry their own zone.'
    )
    expect(view.find('[data-testid="source-zone-input"]').exists()).toBe(false)
    expect(view.find('thead').text()).toContain('Time (Europe/Berlin)')
    const [event, rejected] = view.findAll('[data-testid="sample-row"]')
    expect(event.text()).toContain('2026-03-14 04:12:44 UTC+01:00')
    expect(event.text()).toContain('source.ip=203.0.113.7')
    expect(rejected.attributes('data-outcome')).toBe('rejected')
    expect(rejected.find('[data-testid="sample-reason"]').text()).toBe('Rejected: not an access log line')
    expect(startButton(view).text()).toBe('Import 1 source')
    expect(startButton(view).attributes('disabled')).toBeUndefined()
  })

  it('samples the source again in the format the analyst picks', async () => {
    const view = await openDialog((request) =>
      request.format === 'apache_common'
        ? [makeSourcePreview({ format: 'apache_common', sample: [makePreviewRecord({ line: 9 })] })]
        : [makeSourcePreview()]
    )
    const select = view.find('[data-testid="source-format-select"]')
    const labels = select.findAll('option').map((option) => option.text())
    expect(labels).toContain('Apache/nginx access (common) · 40 %')
    expect(labels).toContain('Suricata EVE JSON')

    await select.setValue('apache_common')
    await flushPromises()

    expect(backend.transport.callsTo('ingest.preview').at(-1)).toEqual({
      caseId: 'case-1',
      source: { uploadId: 'upload-access-log' },
      format: 'apache_common',
      timeZone: 'UTC'
    })
    expect(view.find('[data-testid="source-format-summary"]').text()).toBe(
      'Apache/nginx access (common) · 40 %'
    )
    expect(view.findAll('[data-testid="sample-row"]')).toHaveLength(1)
  })

  it('ignores a late answer to a format the analyst has since changed', async () => {
    const slow = deferred<SourcePreview[]>()
    const view = await openDialog((request) => {
      if (request.format === 'apache_common') return slow.promise as unknown as SourcePreview[]
      if (request.format === 'iis_w3c') return [makeSourcePreview({ format: 'iis_w3c', zoneApplies: true })]
      return [makeSourcePreview()]
    })
    const select = view.find('[data-testid="source-format-select"]')
    await select.setValue('apache_common')
    await select.setValue('iis_w3c')
    await flushPromises()
    slow.resolve([makeSourcePreview({ format: 'apache_common' })])
    await flushPromises()

    expect(view.find('[data-testid="source-format-summary"]').text()).toBe('IIS W3C extended · chosen by you')
    expect(view.find('[data-testid="source-zone-input"]').exists()).toBe(true)
  })

  it('validates the declared zone before sampling again or importing', async () => {
    const view = await openDialog((request) => [
      makeSourcePreview({
        name: 'auth.log',
        format: 'syslog_rfc3164',
        guesses: [{ format: 'syslog_rfc3164', confidence: 0.9 }],
        zoneApplies: true,
        timeZone: typeof request.timeZone === 'string' ? request.timeZone : 'UTC'
      })
    ])
    const zone = view.find('[data-testid="source-zone-input"]')
    expect((zone.element as HTMLInputElement).value).toBe('UTC')
    const previewsBefore = backend.transport.callsTo('ingest.preview').length

    await zone.setValue('Mars/Olympus_Mons')
    await zone.trigger('change')
    await flushPromises()
    expect(view.find('[data-testid="source-zone-error"]').text()).toContain(
      '“Mars/Olympus_Mons” is not a time zone'
    )
    expect(zone.attributes('aria-invalid')).toBe('true')
    expect(startButton(view).attributes('disabled')).toBeDefined()
    expect(backend.transport.callsTo('ingest.preview')).toHaveLength(previewsBefore)

    await zone.setValue('Europe/Berlin')
    await zone.trigger('change')
    await flushPromises()
    expect(view.find('[data-testid="source-zone-error"]').exists()).toBe(false)
    expect(backend.transport.callsTo('ingest.preview').at(-1)).toMatchObject({
      format: 'syslog_rfc3164',
      timeZone: 'Europe/Berlin'
    })
    await startButton(view).trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('ingest.start')).toEqual([
      {
        caseId: 'case-1',
        sources: [{ uploadId: 'upload-access-log', format: 'syslog_rfc3164', timeZone: 'Europe/Berlin' }]
      }
    ])
  })

  it('lets the analyst map CSV columns and imports with that mapping', async () => {
    const columns = [
      { name: 'when', target: 'timestamp' as const, sample: '2026-03-14T03:12:44' },
      { name: 'src', target: 'ignore' as const, sample: '203.0.113.7' },
      { name: 'who', target: 'user.name' as const, sample: 'root' }
    ]
    const view = await openDialog(
      () => [
        makeSourcePreview({
          name: 'export.csv',
          format: 'csv',
          guesses: [{ format: 'csv', confidence: 0.95 }],
          zoneApplies: true,
          columns
        })
      ],
      'export.csv'
    )
    const editor = view.find('[data-testid="column-map"]')
    expect(editor.find('tr[data-column="src"]').text()).toContain('203.0.113.7')

    await editor.find('tr[data-column="src"] select').setValue('source.ip')
    await flushPromises()
    const columnMap = { when: 'timestamp', src: 'source.ip', who: 'user.name' }
    expect(backend.transport.callsTo('ingest.preview').at(-1)).toMatchObject({ format: 'csv', columnMap })

    await startButton(view).trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('ingest.start')).toEqual([
      {
        caseId: 'case-1',
        sources: [{ uploadId: 'upload-export-csv', format: 'csv', timeZone: 'UTC', columnMap }]
      }
    ])
  })

  it('leaves a source that cannot be imported unticked and imports the other members of the archive', async () => {
    const view = await openDialog(
      () => [
        makeSourcePreview({ entry: 'logs/access.log', name: 'logs.zip › logs/access.log' }),
        makeSourcePreview({
          entry: 'logs/Security.evtx',
          name: 'logs.zip › logs/Security.evtx',
          guesses: [],
          format: null,
          problem: 'Windows EVTX files cannot be imported yet; export them as JSON.',
          sample: []
        })
      ],
      'logs.zip'
    )
    const [good, evtx] = cards(view)
    expect(good.find<HTMLInputElement>('[data-testid="source-checkbox"]').element.checked).toBe(true)
    const evtxBox = evtx.find<HTMLInputElement>('[data-testid="source-checkbox"]')
    expect(evtxBox.element.checked).toBe(false)
    expect(evtxBox.attributes('disabled')).toBeDefined()
    expect(evtx.find('[data-testid="source-problem"]').text()).toBe(
      'Windows EVTX files cannot be imported yet; export them as JSON.'
    )
    expect(evtxBox.attributes('aria-describedby')).toBe(
      evtx.find('[data-testid="source-problem"]').attributes('id')
    )
    expect(startButton(view).text()).toBe('Import 1 source')

    await startButton(view).trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('ingest.start')).toEqual([
      {
        caseId: 'case-1',
        sources: [
          {
            uploadId: 'upload-logs-zip',
            entry: 'logs/access.log',
            format: 'apache_combined',
            timeZone: 'UTC'
          }
        ]
      }
    ])
    expect(useEvidenceStore().importRows.map((row) => [row.fileName, row.state])).toEqual([
      ['logs.zip › logs/access.log', 'importing']
    ])
    expect(view.find('[data-testid="import-dialog"]').attributes('open')).toBeUndefined()
  })

  it('imports an archive whose files are all taken as detected as one source, so unpreviewed files come too', async () => {
    const view = await openDialog(
      () => [
        makeSourcePreview({ entry: 'logs/access.log', name: 'logs.zip › logs/access.log' }),
        makeSourcePreview({ entry: 'logs/access.log.1', name: 'logs.zip › logs/access.log.1' })
      ],
      'logs.zip'
    )
    expect(startButton(view).text()).toBe('Import 2 sources')
    await startButton(view).trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('ingest.start')).toEqual([
      { caseId: 'case-1', sources: [{ uploadId: 'upload-logs-zip' }] }
    ])
    expect(useEvidenceStore().importRows.map((row) => row.fileName)).toEqual(['logs.zip'])
  })

  it('imports a custom web log with the LogFormat string from a preset, as the contract accepts it', async () => {
    const view = await openDialog((request) => [
      makeSourcePreview({
        format: 'web_custom',
        guesses: [],
        zoneApplies: true,
        problem: request.format === 'web_custom' ? null : 'No known format reads this file.'
      })
    ])
    expect(startButton(view).attributes('disabled')).toBeDefined()
    expect(view.find('[data-testid="source-problem"]').exists()).toBe(true)

    await view.find('[data-testid="source-format-select"]').setValue('web_custom')
    await flushPromises()
    expect(view.text()).toContain('Enter the LogFormat or log_format string')
    await view.find('[data-testid="source-pattern-preset"]').setValue('nginx_main')
    await flushPromises()

    const pattern =
      '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" ' +
      '"$http_user_agent" "$http_x_forwarded_for"'
    expect((view.find('[data-testid="source-pattern-input"]').element as HTMLInputElement).value).toBe(
      pattern
    )
    expect(view.find('[data-testid="source-checkbox"]').attributes('disabled')).toBeUndefined()
    await startButton(view).trigger('click')
    await flushPromises()
    const [request] = backend.transport.callsTo('ingest.start')
    expect(request).toEqual({
      caseId: 'case-1',
      sources: [
        { uploadId: 'upload-access-log', format: 'web_custom', timeZone: 'UTC', logFormatPattern: pattern }
      ]
    })
    // The fake transport refuses requests the contract rejects: a started job proves this one passed.
    expect(useEvidenceStore().importRows[0]).toMatchObject({ state: 'importing', error: null })
  })

  it('shows why a file could not be read, and lets the analyst leave it out', async () => {
    backend.transport.uploadFailures.set('huge.log', {
      ok: false,
      code: 'UNREADABLE_INPUT',
      message: 'huge.log could not be uploaded: the disk is full.'
    })
    const view = await openDialog(() => [makeSourcePreview()], 'huge.log')

    const file = view.find('[data-testid="draft-file"]')
    expect(file.attributes('data-stage')).toBe('failed')
    expect(file.text()).toContain('huge.log could not be uploaded: the disk is full.')
    expect(startButton(view).attributes('disabled')).toBeDefined()
    await file.find('button').trigger('click')
    expect(useImportDraftStore().isOpen).toBe(false)
  })
})
