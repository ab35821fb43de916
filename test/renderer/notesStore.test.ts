// Notes autosave: edits are sent once the analyst pauses for 600 ms, only the latest text goes out, a save
// in flight is followed by the edits made during it, and a failed save keeps the text for the retry.
// Reloads never overwrite unsaved text, and leaving flushes everything typed, including during a save.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CairnError } from '../../src-main/common/errors'
import { AUTOSAVE_DELAY_MS, useNotesStore } from '../../src-renderer/stores/notes'
import { useNotificationsStore } from '../../src-renderer/stores/notifications'
import { useCasesStore } from '../../src-renderer/stores/cases'
import { deferred } from './support/deferred'
import type { FakeTransport } from './support/fakeTransport'
import { makeCase, makeNote, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'

let transport: FakeTransport
let savedAt = T0

async function openNotes() {
  const notes = useNotesStore()
  await vi.waitFor(() => expect(notes.notes).toHaveLength(1))
  return notes
}

describe('notes autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    transport = setupBackend().transport
    transport
      .answer('notes.list', () => [makeNote()])
      .answer('notes.update', (request) => makeNote({ body: request.body, updatedAt: (savedAt += 1000) }))
    openCase(makeCase())
  })
  afterEach(() => vi.useRealTimers())

  it('sends one update with the latest text after the analyst pauses', async () => {
    const notes = await openNotes()
    notes.edit('note-1', { body: 'S' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100)
    notes.edit('note-1', { body: 'SSH' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100)
    notes.edit('note-1', { body: 'SSH brute force' })

    expect(notes.saves['note-1'].state).toBe('pending')
    expect(transport.callsTo('notes.update')).toEqual([])

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(transport.callsTo('notes.update')).toEqual([
      { caseId: 'case-1', noteId: 'note-1', body: 'SSH brute force' }
    ])
    expect(notes.saves['note-1']).toMatchObject({ state: 'saved', savedAt: T0 + 1000, error: null })
  })

  it('follows a save in flight with the edits made during it', async () => {
    const notes = await openNotes()
    let release: () => void = () => undefined
    transport.answer('notes.update', async (request) => {
      await new Promise<void>((resolve) => (release = resolve))
      return makeNote({ ...request, title: request.title ?? 'Timeline', body: request.body ?? '' })
    })

    notes.edit('note-1', { body: 'first' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(notes.saves['note-1'].state).toBe('saving')
    notes.edit('note-1', { title: 'Initial access' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(transport.callsTo('notes.update')).toHaveLength(1)

    release()
    await vi.waitFor(() => expect(transport.callsTo('notes.update')).toHaveLength(2))
    release()
    await vi.waitFor(() => expect(notes.saves['note-1'].state).toBe('saved'))
    expect(transport.callsTo('notes.update')[1]).toEqual({
      caseId: 'case-1',
      noteId: 'note-1',
      title: 'Initial access'
    })
  })

  it('keeps the text after a failed save and sends it on retry', async () => {
    const notes = await openNotes()
    transport.answer('notes.update', () => {
      throw new CairnError('INTERNAL', 'disk full')
    })
    notes.edit('note-1', { body: 'keep me' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)

    expect(notes.saves['note-1']).toMatchObject({ state: 'error', error: 'disk full' })
    expect(notes.notes[0].body).toBe('keep me')
    expect(useNotificationsStore().notices.map((notice) => notice.message)).toEqual(['disk full'])

    transport.answer('notes.update', (request) => makeNote({ body: request.body }))
    await notes.save('note-1')
    expect(transport.callsTo('notes.update').at(-1)).toMatchObject({ body: 'keep me' })
    expect(notes.saves['note-1'].state).toBe('saved')
  })

  it('does not send a blank title', async () => {
    const notes = await openNotes()
    notes.edit('note-1', { title: '  ' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)

    expect(transport.callsTo('notes.update')).toEqual([])
    expect(notes.saves['note-1']).toMatchObject({
      state: 'error',
      error: 'A note needs a title before it can be saved.'
    })
  })
  it('keeps text typed after a save went out when the save echo reloads the notes', async () => {
    const notes = await openNotes()
    const answer = deferred<void>()
    transport
      .answer('notes.update', async (request) => {
        await answer.promise
        return makeNote({ body: request.body })
      })
      .answer('notes.list', () => [makeNote({ body: 'SSH' })])
    notes.edit('note-1', { body: 'SSH' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    notes.edit('note-1', { body: 'SSH brute force' })
    // Another window's change (or a reconnect) reloads while this one still has unsent text.
    await notes.load()
    expect(notes.notes[0].body).toBe('SSH brute force')

    answer.resolve()
    await vi.waitFor(() => expect(notes.saves['note-1'].state).toBe('saved'))
    expect(transport.callsTo('notes.update').map((request) => request.body)).toEqual([
      'SSH',
      'SSH brute force'
    ])
  })

  it('does not reload for the push that only echoes its own save', async () => {
    const notes = await openNotes()
    notes.edit('note-1', { body: 'typed here' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    const listsBefore = transport.callsTo('notes.list').length
    notes.receiveChanged()
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.callsTo('notes.list')).toHaveLength(listsBefore)
    notes.receiveChanged()
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.callsTo('notes.list')).toHaveLength(listsBefore + 1)
  })

  it('flushes edits typed during a save and failed saves before the case changes', async () => {
    const notes = await openNotes()
    transport.answer('notes.update', () => {
      throw new CairnError('INTERNAL', 'disk full')
    })
    notes.edit('note-1', { title: 'failed before' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(notes.saves['note-1'].state).toBe('error')

    const answer = deferred<void>()
    transport.answer('notes.update', async (request) => {
      await answer.promise
      return makeNote({ ...request, title: request.title ?? 'Timeline', body: request.body ?? '' })
    })
    notes.edit('note-1', { body: 'first' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    notes.edit('note-1', { body: 'typed during the save' })
    transport.answer('case.open', () => makeCase({ id: 'case-2' }))
    const switching = useCasesStore().open('case-2')
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.callsTo('case.open')).toEqual([])
    answer.resolve()
    await switching

    expect(useCasesStore().current?.id).toBe('case-2')
    const order = transport.calls.map((call) => call.name)
    expect(order.lastIndexOf('notes.update')).toBeLessThan(order.indexOf('case.open'))
    expect(transport.callsTo('notes.update').slice(1)).toEqual([
      { caseId: 'case-1', noteId: 'note-1', title: 'failed before', body: 'first' },
      { caseId: 'case-1', noteId: 'note-1', body: 'typed during the save' }
    ])
  })

  it('sends the unload flush with keepalive and forgets unsent text of a case left behind', async () => {
    const notes = await openNotes()
    notes.edit('note-1', { body: 'closing the window' })
    await notes.flushAll({ keepalive: true })
    expect(
      transport.calls.filter((call) => call.name === 'notes.update').map((call) => call.options)
    ).toEqual([{ keepalive: true }])

    notes.edit('note-1', { title: ' ' })
    openCase(makeCase({ id: 'case-2' }))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    await notes.flushAll()
    expect(transport.callsTo('notes.update')).toHaveLength(1)
  })
})
