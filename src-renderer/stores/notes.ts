// Case notes with autosave. Edits apply locally at once and are sent ~600 ms after the analyst pauses;
// one save per note is in flight at a time, edits made meanwhile follow it, and a failed save keeps the
// unsent text so nothing typed is lost. Each note's save state drives the "Saved 12:03:04 UTC" indicator.

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

export const useNotesStore = defineStore('notes', () => {
  const cases = useCasesStore()
  const notes = ref<Note[]>([])
  const selectedId = ref<string | null>(null)
  const saves = ref<Record<string, NoteSave>>({})
  const unsent = new Map<string, NoteChange>()
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const inFlight = new Set<string>()

  const selected = computed(() => notes.value.find((note) => note.id === selectedId.value) ?? null)

  function setSave(noteId: string, change: Partial<NoteSave>): void {
    const previous = saves.value[noteId] ?? { state: 'saved', savedAt: null, error: null }
    saves.value[noteId] = { ...previous, ...change }
  }

  function edit(noteId: string, change: NoteChange): void {
    const note = notes.value.find((candidate) => candidate.id === noteId)
    if (!note) return
    Object.assign(note, change)
    unsent.set(noteId, { ...unsent.get(noteId), ...change })
    setSave(noteId, { state: 'pending', error: null })
    clearTimeout(timers.get(noteId))
    timers.set(
      noteId,
      setTimeout(() => void save(noteId), AUTOSAVE_DELAY_MS)
    )
  }

  /** What can be sent now: everything unsent, except a blank title (the contract requires one). */
  function takeSendable(noteId: string): NoteChange | null {
    const change = unsent.get(noteId)
    if (!change) return null
    const blankTitle = change.title !== undefined && change.title.trim() === ''
    if (!blankTitle) {
      unsent.delete(noteId)
      return change
    }
    unsent.set(noteId, { title: change.title })
    return change.body === undefined ? null : { body: change.body }
  }

  async function save(noteId: string): Promise<void> {
    clearTimeout(timers.get(noteId))
    timers.delete(noteId)
    if (inFlight.has(noteId) || !cases.current) return
    const change = takeSendable(noteId)
    if (!change) {
      if (unsent.has(noteId))
        setSave(noteId, { state: 'error', error: 'A note needs a title before it can be saved.' })
      return
    }
    inFlight.add(noteId)
    setSave(noteId, { state: 'saving' })
    try {
      const stored = await useApi().call('notes.update', { caseId: cases.current.id, noteId, ...change })
      const note = notes.value.find((candidate) => candidate.id === noteId)
      if (note) note.updatedAt = stored.updatedAt
      setSave(noteId, {
        state: unsent.has(noteId) ? 'pending' : 'saved',
        savedAt: stored.updatedAt,
        error: null
      })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      // Put the failed change back under anything typed since, which is newer.
      unsent.set(noteId, { ...change, ...unsent.get(noteId) })
      setSave(noteId, { state: 'error', error: error.message })
    } finally {
      inFlight.delete(noteId)
    }
    if (unsent.has(noteId) && saves.value[noteId]?.state !== 'error') await save(noteId)
  }

  /** Sends every pending edit now (switching notes, leaving the page). */
  function flushAll(): Promise<void[]> {
    return Promise.all([...timers.keys()].map((noteId) => save(noteId)))
  }

  async function load(): Promise<void> {
    if (!cases.current) return
    const list = await settled(useApi().call('notes.list', { caseId: cases.current.id }))
    if (!list) return
    notes.value = [...list].sort((a, b) => b.createdAt - a.createdAt)
    if (!selected.value) selectedId.value = notes.value[0]?.id ?? null
  }

  async function create(title = 'Untitled note'): Promise<void> {
    if (!cases.current) return
    const note = await settled(useApi().call('notes.create', { caseId: cases.current.id, title, body: '' }))
    if (!note) return
    notes.value = [note, ...notes.value]
    setSave(note.id, { state: 'saved', savedAt: note.updatedAt })
    await select(note.id)
  }

  async function remove(noteId: string): Promise<void> {
    if (!cases.current) return
    clearTimeout(timers.get(noteId))
    timers.delete(noteId)
    unsent.delete(noteId)
    const result = await settled(useApi().call('notes.delete', { caseId: cases.current.id, noteId }))
    if (!result) return
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
      notes.value = []
      selectedId.value = null
      saves.value = {}
      void load()
    },
    { immediate: true }
  )

  return { notes, selectedId, selected, saves, edit, save, flushAll, load, create, remove, select }
})
