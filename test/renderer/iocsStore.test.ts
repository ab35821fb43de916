// IOC lists in the store: the open case's lists are loaded, an import shows while it runs and adds its
// list, the lists reload when the backend says they changed or the case changes, and lists loaded after
// the IOC engine last ran are reported as not matched yet.

import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DetectionRunSummary, IocListSummary } from '../../src-main/common/domain'
import { CairnError } from '../../src-main/common/errors'
import { useIocsStore } from '../../src-renderer/stores/iocs'
import { useNotificationsStore } from '../../src-renderer/stores/notifications'
import { connectStoresToBackend } from '../../src-renderer/stores/sync'
import type { FakeTransport } from './support/fakeTransport'
import { makeCase, makeIocList, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const FIRST = makeIocList()
const SECOND = makeIocList({
  id: 'ioc-list-2',
  name: 'c2-domains.csv',
  counts: { domain: 5 },
  loadedAt: T0 + 60_000
})

function iocRun(startedAt: number): DetectionRunSummary {
  return {
    engine: 'ioc',
    title: 'IOC matching',
    status: 'no_findings',
    priority: 'none',
    summary: 'No event matched an indicator.',
    alerts: 0,
    startedAt,
    finishedAt: startedAt + 1000
  }
}

let backend: TestBackend
let transport: FakeTransport
let stored: IocListSummary[]
let runs: DetectionRunSummary[]

async function loadedIocs() {
  const iocs = useIocsStore()
  await flushPromises()
  return iocs
}

describe('iocs store', () => {
  beforeEach(() => {
    backend = setupBackend()
    transport = backend.transport
    stored = [FIRST]
    runs = []
    transport
      .answer('iocs.list', () => stored)
      .answer('iocs.import', () => {
        stored = [...stored, SECOND]
        return SECOND
      })
      .answer('detect.runs', () => runs)
      .answer('alerts.list', () => [])
      .answer('case.current', () => makeCase())
    openCase(makeCase())
  })

  it("loads the open case's lists", async () => {
    const iocs = await loadedIocs()

    expect(iocs.lists).toEqual([FIRST])
    expect(transport.callsTo('iocs.list')).toEqual([{ caseId: 'case-1' }])
  })

  it('shows the import while it runs, then adds the new list', async () => {
    const iocs = await loadedIocs()
    let release: () => void = () => undefined
    transport.answer('iocs.import', async () => {
      await new Promise<void>((resolve) => (release = resolve))
      return SECOND
    })

    const pending = iocs.importList(new File(['evil.example\n'], 'c2-domains.csv'))
    await vi.waitFor(() => expect(transport.callsTo('iocs.import')).toHaveLength(1))
    expect(iocs.importing).toBe('c2-domains.csv')
    await expect(iocs.importList(new File(['x'], 'other.txt'))).resolves.toBeUndefined()

    release()
    await expect(pending).resolves.toEqual(SECOND)
    expect(iocs.importing).toBeNull()
    expect(iocs.lists).toEqual([FIRST, SECOND])
    expect(transport.callsTo('iocs.import')).toEqual([
      { caseId: 'case-1', source: { uploadId: 'upload-c2-domains-csv' } }
    ])
  })

  it('keeps the lists and reports the reason when a list is refused', async () => {
    const iocs = await loadedIocs()
    transport.answer('iocs.import', () => {
      throw new CairnError('UNSUPPORTED_FORMAT', 'notes.txt holds no usable indicator')
    })

    await expect(iocs.importList(new File(['hello'], 'notes.txt'))).resolves.toBeUndefined()

    expect(iocs.importing).toBeNull()
    expect(iocs.lists).toEqual([FIRST])
    expect(useNotificationsStore().notices).toMatchObject([
      { kind: 'error', code: 'UNSUPPORTED_FORMAT', message: 'notes.txt holds no usable indicator' }
    ])
  })

  it("reloads when the backend pushes a change to the open case's lists, and only then", async () => {
    connectStoresToBackend(backend.api)
    const iocs = await loadedIocs()
    stored = [FIRST, SECOND]

    transport.push({ name: 'case.changed', payload: { caseId: 'case-1', what: 'notes' } })
    transport.push({ name: 'case.changed', payload: { caseId: 'case-other', what: 'iocs' } })
    await flushPromises()
    expect(iocs.lists).toEqual([FIRST])

    transport.push({ name: 'case.changed', payload: { caseId: 'case-1', what: 'iocs' } })
    await flushPromises()
    expect(iocs.lists).toEqual([FIRST, SECOND])
  })

  it('reloads when another case is opened', async () => {
    const iocs = await loadedIocs()
    transport.answer('iocs.list', ({ caseId }) => (caseId === 'case-2' ? [SECOND] : stored))

    openCase(makeCase({ id: 'case-2' }))
    await flushPromises()

    expect(transport.callsTo('iocs.list').at(-1)).toEqual({ caseId: 'case-2' })
    expect(iocs.lists).toEqual([SECOND])
  })

  it('does not add a list to the case opened while it was being imported', async () => {
    const iocs = await loadedIocs()
    let release: () => void = () => undefined
    transport
      .answer('iocs.list', ({ caseId }) => (caseId === 'case-2' ? [] : stored))
      .answer('iocs.import', async () => {
        await new Promise<void>((resolve) => (release = resolve))
        return SECOND
      })

    const pending = iocs.importList(new File(['evil.example\n'], 'c2-domains.csv'))
    await vi.waitFor(() => expect(transport.callsTo('iocs.import')).toHaveLength(1))
    openCase(makeCase({ id: 'case-2' }))
    await flushPromises()
    expect(iocs.importing).toBeNull()

    release()
    await expect(pending).resolves.toBeUndefined()
    expect(iocs.lists).toEqual([])
  })

  it('names the lists loaded since the IOC engine last started', async () => {
    stored = [FIRST, SECOND]
    runs = [iocRun(T0 + 30_000)]
    const iocs = await loadedIocs()

    expect(iocs.awaitingDetection.map((list) => list.id)).toEqual(['ioc-list-2'])
  })

  it('names every list when detection has never run', async () => {
    const iocs = await loadedIocs()

    expect(iocs.awaitingDetection).toEqual([FIRST])
  })
})
