// The notes screen: typing goes to the store (and is saved after a pause), the preview renders Markdown
// but shows markup from a note as text, and the indicator says when the note was saved.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import NotesView from '../../src-renderer/features/notes/NotesView.vue'
import { AUTOSAVE_DELAY_MS } from '../../src-renderer/stores/notes'
import { makeCase, makeNote, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

let backend: TestBackend

describe('NotesView', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    backend = setupBackend()
    backend.transport
      .answer('notes.list', () => [makeNote({ body: '# Timeline' })])
      .answer('notes.update', (request) => makeNote({ body: request.body, updatedAt: T0 + 7_000 }))
    openCase(makeCase({ displayTimeZone: 'Europe/Berlin' }))
  })
  afterEach(() => vi.useRealTimers())

  it('renders a typed <script> in the preview as text', async () => {
    const view = mount(NotesView, { global: { plugins: [backend.pinia] } })
    await flushPromises()

    await view.find('[data-testid="note-body-input"]').setValue('Payload seen: <script>alert("x")</script>')
    const preview = view.find('[data-testid="note-preview"]')
    expect(preview.find('script').exists()).toBe(false)
    expect(preview.text()).toBe('Payload seen: <script>alert("x")</script>')
  })

  it('autosaves after a pause and says when, in the display zone', async () => {
    const view = mount(NotesView, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    const indicator = () => view.find('[data-testid="note-saved-indicator"]')

    await view.find('[data-testid="note-body-input"]').setValue('Brute force from 203.0.113.7')
    expect(indicator().attributes('data-state')).toBe('pending')

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    await flushPromises()
    expect(backend.transport.callsTo('notes.update')).toEqual([
      { caseId: 'case-1', noteId: 'note-1', body: 'Brute force from 203.0.113.7' }
    ])
    expect(indicator().attributes('data-state')).toBe('saved')
    expect(indicator().text()).toBe('Saved 04:12:51 UTC+01:00')
  })
})
