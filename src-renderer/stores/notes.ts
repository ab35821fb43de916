// Case notes with autosave. Edits apply locally at once and are sent ~600 ms after the analyst pauses;
// one save per note is in flight at a time, edits made meanwhile follow it, and a failed save keeps the
// unsent text so nothing typed is lost. Each note's save state drives the "Saved 12:03:04 UTC" indicator.
// Reloads (a push, a reconnect) never overwrite text this window has not finished saving.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Note } from '../../src-main/common/domain'
import { ApiError, settled, useApi } from '../api'
import { useCasesStore } from './cases'

export const AUTOSAVE_DELAY_MS = 600

export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

export interface NoteSave {
  state: SaveState
  /** When the backend last stored this note, ms UTC. */
  savedAt: number | null
  error: string | null
}

type NoteChange = { title?: string; body?: string }

/** Typed text not yet stored, with the case it was typed in (the backend refuses it for any other). */
interface UnsentChange {
  caseId: string
  change: NoteChange
}

export const useNotesStore = defineStore('notes', () => {
  const cases = useCasesStore()
  const notes = ref<Note[]>([])
  const selectedId = ref<string | null>(null)
  const saves = ref<Record<string, NoteSave>>({})
  const unsent = new Map<string, UnsentChange>()
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  /** The running save of each note: it sends until nothing is unsent or a send fails. */
  const saving = new Map<string, Promise<void>>()
  /** Saves sent from here whose `case.changed` push has not come back yet. */
  let ownChangesUnechoed = 0

  const selected = computed(() => notes.value.find((note) => note.id === selectedId.value) ?? null)

  function setSave(noteId: string, change: Partial<NoteSave>): void {
    const previous = saves.value[noteId] ?? { state: 'saved', savedAt: null, error: null }
    saves.value[noteId] = { ...previous, ...change }
  }

  /** A call that changes notes, counted so that its `case.changed` push is known as this window's own. */
  async function ownChange<T>(call: () => Promise<T>): Promise<T> {
    ownChangesUnechoed += 1
    try {
      return await call()
    } catch (error) {
      ownChangesUnechoed = Math.max(0, ownChangesUnechoed - 1)
      throw error
    }
  }

  function edit(noteId: string, change: NoteChange): void {
    const note = notes.value.find((candidate) => candidate.id === noteId)
    if (!note || !cases.current) return
    Object.assign(note, change)
    unsent.set(noteId, { caseId: cases.current.id, change: { ...unsent.get(noteId)?.change, ...change } })
    setSave(noteId, { state: 'pending', error: null })
    clearTimeout(timers.get(noteId))
    timers.set(
      noteId,
      setTimeout(() => void save(noteId), AUTOSAVE_DELAY_MS)
    )
  }

  /** What can be sent now: everything unsent, except a blank title (the contract requires one). */
  function takeSendable(noteId: string): UnsentChange | null {
    const entry = unsent.get(noteId)
    if (!entry) return null
    const { caseId, change } = entry
    const blankTitle = change.title !== undefined && change.title.trim() === ''
    if (!blankTitle) {
      unsent.delete(noteId)
      return entry
    }
    unsent.set(noteId, { caseId, change: { title: change.title } })
    return change.body === undefined ? null : { caseId, change: { body: change.body } }
  }

  /** Sends the note's unsent text now; resolves once it is stored, or has failed and is kept for a retry. */
  function save(noteId: string, keepalive = false): Promise<void> {
    clearTimeout(timers.get(noteId))
    timers.delete(noteId)
    const running = saving.get(noteId)
    if (running) return running
    const started = sendUntilDone(noteId, keepalive)
    saving.set(noteId, started)
    return started
  }

  async function sendUntilDone(noteId: string, keepalive: boolean): Promise<void> {
    try {
      for (let entry = takeSendable(noteId); entry; entry = takeSendable(noteId)) {
        if (!(await send(noteId, entry, keepalive))) return
      }
      if (unsent.has(noteId))
        setSave(noteId, { state: 'error', error: 'A note needs a title before it can be saved.' })
    } finally {
      // In the same step as the last look at `unsent`, so an edit can never slip between the two.
      saving.delete(noteId)
    }
  }

  async function send(
    noteId: string,
    { caseId, change }: UnsentChange,
    keepalive: boolean
  ): Promise<boolean> {
    setSave(noteId, { state: 'saving' })
    try {
      const stored = await ownChange(() =>
        useApi().call('notes.update', { caseId, noteId, ...change }, { keepalive })
      )
      if (cases.current?.id !== caseId) return false
      const note = notes.value.find((candidate) => candidate.id === noteId)
      if (note) note.updatedAt = stored.updatedAt
      setSave(noteId, {
        state: unsent.has(noteId) ? 'pending' : 'saved',
        savedAt: stored.updatedAt,
        error: null
      })
      return true
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (cases.current?.id !== caseId) return false
      // Put the failed change back under anything typed since, which is newer.
      unsent.set(noteId, { caseId, change: { ...change, ...unsent.get(noteId)?.change } })
      setSave(noteId, { state: 'error', error: error.message })
      return false
    }
  }

  /**
   * Sends every unsent edit now, including ones whose save failed before, and waits for saves already on
   * their way (switching notes or cases, leaving the page). `keepalive` lets them outlive the page.
   */
  async function flushAll(options: { keepalive?: boolean } = {}): Promise<void> {
    const noteIds = new Set([...unsent.keys(), ...timers.keys(), ...saving.keys()])
    await Promise.all([...noteIds].map((noteId) => save(noteId, options.keepalive)))
  }

  /** Whether this window has text of the note that the backend does not have yet. */
  function hasLocalChanges(noteId: string): boolean {
    return unsent.has(noteId) || timers.has(noteId) || saving.has(noteId)
  }

  async function load(): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const list = await settled(useApi().call('notes.list', { caseId }))
    if (!list || cases.current?.id !== caseId) return
    const local = new Map(notes.value.map((note) => [note.id, note]))
    notes.value = list
      .map((stored) => {
        const mine = local.get(stored.id)
        return mine && hasLocalChanges(stored.id) ? { ...stored, title: mine.title, body: mine.body } : stored
      })
      .sort((a, b) => b.createdAt - a.createdAt)
    if (!selected.value) selectedId.value = notes.value[0]?.id ?? null
  }

  /** A `case.changed` push for notes: reload, unless it is only the echo of a save sent from here. */
  function receiveChanged(): void {
    if (ownChangesUnechoed > 0) ownChangesUnechoed -= 1
    else void load()
  }

  async function create(title = 'Untitled note'): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const note = await settled(ownChange(() => useApi().call('notes.create', { caseId, title, body: '' })))
    if (!note || cases.current?.id !== caseId) return
    notes.value = [note, ...notes.value]
    setSave(note.id, { state: 'saved', savedAt: note.updatedAt })
    await select(note.id)
  }

  async function remove(noteId: string): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    clearTimeout(timers.get(noteId))
    timers.delete(noteId)
    unsent.delete(noteId)
    const result = await settled(ownChange(() => useApi().call('notes.delete', { caseId, noteId })))
    if (!result || cases.current?.id !== caseId) return
    notes.value = notes.value.filter((note) => note.id !== noteId)
    if (selectedId.value === noteId) selectedId.value = notes.value[0]?.id ?? null
  }

  async function select(noteId: string): Promise<void> {
    await flushAll()
    selectedId.value = noteId
  }

  watch(
    () => cases.current?.id,
    () => {
      // Switching flushed what could be sent; whatever is left belongs to a case that is no longer open.
      timers.forEach((timer) => clearTimeout(timer))
      timers.clear()
      unsent.clear()
      ownChangesUnechoed = 0
      notes.value = []
      selectedId.value = null
      saves.value = {}
      void load()
    },
    { immediate: true }
  )

  return {
    notes,
    selectedId,
    selected,
    saves,
    edit,
    save,
    flushAll,
    load,
    receiveChanged,
    create,
    remove,
    select
  }
})
