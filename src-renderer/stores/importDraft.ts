// The import being prepared in the import dialog: the files the analyst dropped, handed over to the
// backend (uploaded first in browser mode) and previewed, each yielding one or more sources (an archive or
// a folder holds several), with the analyst's choices per source until "Import" hands the chosen ones to
// the evidence store. A newer preview of a source supersedes any older one still on its way.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { SourcePreview } from '../../src-main/common/domain'
import { ApiError, useApi } from '../api'
import type { FileSource } from '../api'
import { useCasesStore } from './cases'
import { useEvidenceStore } from './evidence'
import type { PlannedImport } from './evidence'
import {
  blockerOf,
  columnMapOf,
  effectiveFormat,
  hasChoiceErrors,
  isAsDetected,
  initialChoices,
  previewRequest,
  startSource
} from './importChoices'
import type { SourceChoices } from './importChoices'
import { useUiStore } from './ui'

export type DraftFileStage = 'uploading' | 'previewing' | 'ready' | 'failed'

/** A dropped file on its way to being previewed. */
export interface DraftFile {
  key: number
  name: string
  size: number
  stage: DraftFileStage
  /** Bytes uploaded so far (browser mode). */
  sent: number
  error: string | null
}

/** One source the file yielded (the file itself, or a member of an archive or folder), as chosen. */
export interface DraftSource {
  /** Unique in the draft: the file's key and the entry within it. */
  key: string
  fileKey: number
  file: FileSource
  preview: SourcePreview
  choices: SourceChoices
  checked: boolean
  /** A preview for changed choices is on its way. */
  updating: boolean
  /** Why the last preview for changed choices failed; the previous preview still shows. */
  error: string | null
}

export const useImportDraftStore = defineStore('importDraft', () => {
  const cases = useCasesStore()
  const ui = useUiStore()
  const evidence = useEvidenceStore()
  const files = ref<DraftFile[]>([])
  const sources = ref<DraftSource[]>([])
  const uploads = new Map<number, AbortController>()
  /** The latest preview asked for each source; answers to earlier ones are ignored. */
  const latestPreview = new Map<string, number>()
  /** Bumped whenever the draft is dropped, so work begun for a dropped draft stops where it stands. */
  let generation = 0
  let nextKey = 1

  const isOpen = computed(() => files.value.length > 0)
  const busy = computed(
    () =>
      files.value.some((file) => file.stage === 'uploading' || file.stage === 'previewing') ||
      sources.value.some((source) => source.updating)
  )
  const chosen = computed(() => sources.value.filter((source) => source.checked))
  const canStart = computed(
    () =>
      !busy.value &&
      chosen.value.length > 0 &&
      chosen.value.every((source) => !hasChoiceErrors(source.preview, source.choices))
  )

  // Found again through the reactive arrays, so that changing them updates the dialog.
  const fileFor = (key: number) => files.value.find((file) => file.key === key)
  const sourceFor = (key: string) => sources.value.find((source) => source.key === key)

  function failFile(key: number, message: string): void {
    const file = fileFor(key)
    if (!file) return
    file.stage = 'failed'
    file.error = message
  }

  async function addFiles(list: File[]): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId || list.length === 0) return
    const api = useApi()
    const current = generation
    const firstStage: DraftFileStage = api.mode === 'browser' ? 'uploading' : 'previewing'
    const added = list.map((file): DraftFile => ({
      key: nextKey++,
      name: file.name,
      size: file.size,
      stage: firstStage,
      sent: 0,
      error: null
    }))
    files.value = [...files.value, ...added]
    // One upload at a time: the server writes each to disk while it shares its cores with ingestion.
    for (const [index, file] of list.entries()) {
      const key = added[index].key
      const upload = new AbortController()
      uploads.set(key, upload)
      try {
        const onProgress = (sent: number) => {
          const entry = fileFor(key)
          if (entry) entry.sent = sent
        }
        const source = await api.handOver(file, 'ingest.preview', { signal: upload.signal, onProgress })
        if (generation !== current) return
        void previewFile(key, source, caseId)
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        if (generation !== current) return
        failFile(key, error.message)
      } finally {
        uploads.delete(key)
      }
    }
  }

  async function previewFile(key: number, file: FileSource, caseId: string): Promise<void> {
    const entry = fileFor(key)
    if (!entry) return
    entry.stage = 'previewing'
    const current = generation
    try {
      const request = { caseId, source: file, timeZone: ui.displayTimeZone }
      const previews = await useApi().call('ingest.preview', request)
      const ready = fileFor(key)
      if (generation !== current || !ready) return
      if (previews.length === 0) return failFile(key, 'Nothing to import: no file was found in it.')
      ready.stage = 'ready'
      sources.value.push(...previews.map((preview) => newSource(key, file, preview)))
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (generation === current) failFile(key, error.message)
    }
  }

  function newSource(fileKey: number, file: FileSource, preview: SourcePreview): DraftSource {
    const choices = initialChoices(preview)
    const checked = blockerOf(preview, choices) === null
    return {
      key: `${fileKey}:${preview.entry}`,
      fileKey,
      file,
      preview,
      choices,
      checked,
      updating: false,
      error: null
    }
  }

  /** Records a choice and previews the source again with it, once what was typed is valid. */
  function choose(key: string, change: Partial<SourceChoices>): void {
    const source = sourceFor(key)
    if (!source) return
    // Another format has other columns: let the preview suggest their mapping afresh.
    const formatChanged = change.format !== undefined && change.format !== source.choices.format
    Object.assign(source.choices, change, formatChanged ? { columnMap: null } : {})
    if (!hasChoiceErrors(source.preview, source.choices)) void refresh(key)
  }

  async function refresh(key: string): Promise<void> {
    const source = sourceFor(key)
    const caseId = cases.current?.id
    if (!source || !caseId) return
    const ticket = (latestPreview.get(key) ?? 0) + 1
    latestPreview.set(key, ticket)
    source.updating = true
    let previews: SourcePreview[] = []
    let failure: string | null = null
    try {
      const request = previewRequest(caseId, source.file, source.preview, source.choices)
      previews = await useApi().call('ingest.preview', request)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      failure = error.message
    }
    const current = sourceFor(key)
    if (!current || latestPreview.get(key) !== ticket) return
    current.updating = false
    current.error = failure
    const next = previews.find((preview) => preview.entry === current.preview.entry) ?? previews[0]
    if (next) applyPreview(current, next)
  }

  function applyPreview(source: DraftSource, next: SourcePreview): void {
    const couldImport = blockerOf(source.preview, source.choices) === null
    source.preview = next
    source.choices.columnMap ??= columnMapOf(next.columns)
    const canImport = blockerOf(next, source.choices) === null
    // A source that can no longer be imported is unchecked; one the analyst's choice just made
    // importable is checked; otherwise the analyst's tick stands.
    if (!canImport) source.checked = false
    else if (!couldImport) source.checked = true
  }

  function setChecked(key: string, checked: boolean): void {
    const source = sourceFor(key)
    if (source) source.checked = checked && blockerOf(source.preview, source.choices) === null
  }

  function setAllChecked(checked: boolean): void {
    for (const source of sources.value) setChecked(source.key, checked)
  }

  /** Stops a file's upload or preview and takes it and its sources out of the draft. */
  function removeFile(key: number): void {
    uploads.get(key)?.abort()
    files.value = files.value.filter((file) => file.key !== key)
    sources.value = sources.value.filter((source) => source.fileKey !== key)
  }

  /**
   * Imports the chosen sources with their choices and closes the dialog. An archive or folder whose files
   * are all imported as detected goes as one source, so its files beyond those previewed are imported too;
   * once the analyst picks or changes some, each chosen file goes on its own with its choices.
   */
  async function start(): Promise<void> {
    if (!canStart.value) return
    const planned: PlannedImport[] = []
    for (const file of files.value) {
      const mine = sources.value.filter((source) => source.fileKey === file.key)
      const picked = mine.filter((source) => chosen.value.includes(source))
      const whole =
        mine.length > 0 &&
        mine[0].preview.entry !== '' &&
        picked.length === mine.length &&
        mine.every((source) => isAsDetected(source.preview, source.choices))
      if (whole) {
        planned.push({ name: file.name, bytes: file.size, format: 'unknown', source: { ...mine[0].file } })
        continue
      }
      for (const source of picked) {
        planned.push({
          name: source.preview.name,
          bytes: source.preview.size ?? 0,
          format: effectiveFormat(source.preview, source.choices) ?? 'unknown',
          source: startSource(source.file, source.preview, source.choices)
        })
      }
    }
    drop()
    await evidence.startImports(planned)
  }

  /** Abandons the draft: uploads still going stop, previews still coming are ignored. */
  function drop(): void {
    generation += 1
    uploads.forEach((upload) => upload.abort())
    uploads.clear()
    latestPreview.clear()
    files.value = []
    sources.value = []
  }

  watch(() => cases.current?.id, drop, { flush: 'sync' })

  return {
    files,
    sources,
    isOpen,
    busy,
    chosen,
    canStart,
    addFiles,
    choose,
    setChecked,
    setAllChecked,
    removeFile,
    start,
    drop
  }
})
