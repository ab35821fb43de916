// How fast an import goes, as the analyst reads it: records per second and the time left. Progress reports
// arrive irregularly (at most once a frame, seconds apart on a busy machine), so the rates are smoothed
// exponentially over a few seconds of wall time instead of being taken from any two reports.

import { formatCount } from '../../format/numbers'

/** One progress report as seen at a moment: bytes of the file read and records read so far. */
export interface ProgressSample {
  /** Milliseconds, from any steady clock. */
  at: number
  bytes: number
  records: number | null
}

export interface RateEstimate {
  /** The report the rates were last brought up to. */
  last: ProgressSample
  /** Smoothed rates; null until two reports far enough apart have been seen. */
  bytesPerSecond: number | null
  recordsPerSecond: number | null
}

/** How much of the past counts: a report this long ago weighs 1/e as much as the newest. */
const SMOOTHING_MS = 3_000
/** Reports closer together than this wait to be folded in, so two in one frame give no absurd rate. */
const MIN_WINDOW_MS = 250

/** The estimate after one more report; a report that goes back in bytes or time starts afresh. */
export function advanceRate(estimate: RateEstimate | null, sample: ProgressSample): RateEstimate {
  const fresh: RateEstimate = { last: sample, bytesPerSecond: null, recordsPerSecond: null }
  if (!estimate || sample.bytes < estimate.last.bytes || sample.at < estimate.last.at) return fresh
  const elapsed = sample.at - estimate.last.at
  if (elapsed < MIN_WINDOW_MS) return estimate
  const weight = 1 - Math.exp(-elapsed / SMOOTHING_MS)
  const blend = (previous: number | null, current: number): number =>
    previous === null ? current : previous + weight * (current - previous)
  const perSecond = (now: number, before: number): number => ((now - before) * 1000) / elapsed
  const { records } = sample
  const recordsBefore = estimate.last.records
  return {
    last: sample,
    bytesPerSecond: blend(estimate.bytesPerSecond, perSecond(sample.bytes, estimate.last.bytes)),
    recordsPerSecond:
      records === null || recordsBefore === null || records < recordsBefore
        ? estimate.recordsPerSecond
        : blend(estimate.recordsPerSecond, perSecond(records, recordsBefore))
  }
}

/** Seconds until `totalBytes` are read at the smoothed rate; null while the rate or total is unknown. */
export function secondsLeft(estimate: RateEstimate | null, totalBytes: number): number | null {
  if (!estimate?.bytesPerSecond || estimate.bytesPerSecond <= 0 || totalBytes <= 0) return null
  return Math.max(0, totalBytes - estimate.last.bytes) / estimate.bytesPerSecond
}

/** "12,400 lines/s": whole records per second with their unit. */
export function formatRate(perSecond: number, unitPlural: string): string {
  return `${formatCount(Math.round(perSecond))} ${unitPlural}/s`
}

/** "45 s", "2 min 05 s", "1 h 07 min": a remaining time, as precise as is useful at that length (≥ 1 s). */
export function formatDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds))
  if (whole < 60) return `${whole} s`
  const minutes = Math.floor(whole / 60)
  if (minutes < 60) return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}
