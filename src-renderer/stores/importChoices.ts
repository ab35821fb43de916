// What the analyst chose for one source in the import dialog, and how those choices become what the
// contract takes: `ingest.preview` to see what they give, `ingest.start` to import with them. Pure
// functions, shared by the import draft store and the dialog's components.

import type { CallRequest } from '../../src-main/common/contract'
import type { ColumnSuggestion, ColumnTarget, LogFormat, SourcePreview } from '../../src-main/common/domain'
import { DECLARED_ZONE_FORMATS, LOG_FORMAT_LABELS } from '../../src-main/common/domain'
import type { FileSource } from '../api'
import { isTimeZone } from '../format/time'

export type PreviewRequest = CallRequest<'ingest.preview'>
export type StartSource = CallRequest<'ingest.start'>['sources'][number]
export type ColumnMap = Record<string, ColumnTarget>

export interface SourceChoices {
  /** The format the analyst picked; null keeps the detected one. */
  format: LogFormat | null
  /** The Apache `LogFormat` or nginx `log_format` string, for format web_custom. */
  logFormatPattern: string
  /** The declared zone as typed; it matters only when the format's timestamps may carry none. */
  timeZone: string
  /** For CSV/TSV: header → target, starting from the mapping the preview suggested. */
  columnMap: ColumnMap | null
}

export function initialChoices(preview: SourcePreview): SourceChoices {
  return {
    format: null,
    logFormatPattern: '',
    timeZone: preview.timeZone,
    columnMap: columnMapOf(preview.columns)
  }
}

export function columnMapOf(columns: ColumnSuggestion[] | null): ColumnMap | null {
  return columns ? Object.fromEntries(columns.map((column) => [column.name, column.target])) : null
}

/** The format the import will use: the analyst's pick, else the detected one. */
export function effectiveFormat(preview: SourcePreview, choices: SourceChoices): LogFormat | null {
  return choices.format ?? preview.format
}

/**
 * Whether the declared zone is used: as the preview says, unless the analyst picked another format that
 * has not been previewed yet (a web_custom pattern still to be typed), when the format's kind decides.
 */
export function zoneApplies(preview: SourcePreview, choices: SourceChoices): boolean {
  const format = effectiveFormat(preview, choices)
  return format === preview.format || !format ? preview.zoneApplies : DECLARED_ZONE_FORMATS.has(format)
}

/** Why the source cannot be imported as things stand; it stays unchecked while there is a reason. */
export function blockerOf(preview: SourcePreview, choices: SourceChoices): string | null {
  if (preview.problem) return preview.problem
  if (!effectiveFormat(preview, choices)) return 'The format was not recognised: choose one to import this.'
  return null
}

export interface ChoiceErrors {
  timeZone: string | null
  logFormatPattern: string | null
}

/** What is wrong with what the analyst typed; importing waits until it is put right. */
export function choiceErrors(preview: SourcePreview, choices: SourceChoices): ChoiceErrors {
  const zone = choices.timeZone.trim()
  const format = effectiveFormat(preview, choices)
  return {
    timeZone:
      zoneApplies(preview, choices) && !isTimeZone(zone)
        ? `“${zone}” is not a time zone: use an IANA name such as UTC or Europe/Berlin.`
        : null,
    logFormatPattern:
      format === 'web_custom' && choices.logFormatPattern.trim() === ''
        ? 'Enter the LogFormat or log_format string from the server configuration.'
        : null
  }
}

export function hasChoiceErrors(preview: SourcePreview, choices: SourceChoices): boolean {
  const errors = choiceErrors(preview, choices)
  return errors.timeZone !== null || errors.logFormatPattern !== null
}

/** The per-source options of the contract, holding only choices that apply and are valid. */
function optionsOf(preview: SourcePreview, choices: SourceChoices) {
  const format = effectiveFormat(preview, choices)
  const zone = choices.timeZone.trim()
  const pattern = choices.logFormatPattern.trim()
  return {
    ...(preview.entry ? { entry: preview.entry } : {}),
    ...(format ? { format } : {}),
    ...(isTimeZone(zone) ? { timeZone: zone } : {}),
    ...(format === 'web_custom' && pattern ? { logFormatPattern: pattern } : {}),
    ...(format === 'csv' && choices.columnMap ? { columnMap: { ...choices.columnMap } } : {})
  }
}

export function previewRequest(
  caseId: string,
  file: FileSource,
  preview: SourcePreview,
  choices: SourceChoices
): PreviewRequest {
  // Copied, not passed on: the file may be a store's reactive proxy, which cannot cross the IPC boundary.
  return { caseId, source: { ...file }, ...optionsOf(preview, choices) }
}

export function startSource(file: FileSource, preview: SourcePreview, choices: SourceChoices): StartSource {
  return { ...file, ...optionsOf(preview, choices) }
}

/** True while the analyst has changed nothing the preview proposed for this source. */
export function isAsDetected(preview: SourcePreview, choices: SourceChoices): boolean {
  const proposed = columnMapOf(preview.columns)
  return (
    choices.format === null &&
    choices.logFormatPattern.trim() === '' &&
    choices.timeZone.trim() === preview.timeZone &&
    JSON.stringify(choices.columnMap) === JSON.stringify(proposed)
  )
}

export function confidencePercent(confidence: number): number {
  return Math.round(confidence * 100)
}

/** A format as the override list names it, with detection's confidence when it read the sample. */
export function formatOptionLabel(format: LogFormat, preview: SourcePreview): string {
  const guess = preview.guesses.find((candidate) => candidate.format === format)
  const label = LOG_FORMAT_LABELS[format]
  return guess ? `${label} · ${confidencePercent(guess.confidence)} %` : label
}

/** "Apache/nginx access (combined) · 98 %": the format the import will use and how sure detection is. */
export function formatSummary(preview: SourcePreview, choices: SourceChoices): string {
  const format = effectiveFormat(preview, choices)
  if (!format) return 'Format not recognised'
  const detected = preview.guesses.some((guess) => guess.format === format)
  return detected ? formatOptionLabel(format, preview) : `${LOG_FORMAT_LABELS[format]} · chosen by you`
}
