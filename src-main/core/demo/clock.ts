// Time in the scenario: the span it covers, the daily rhythm of human traffic (quiet at night, busiest in
// the European afternoon, UTC), and where in that span each scripted attack happens. Attacks are placed
// by day and wall-clock time so the demo reads like a real incident (the SSH break-in happens at 03:05).

import type { SeededRandom } from './random'

const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

export interface ScenarioWindow {
  /** First instant covered, ms since the epoch (UTC). */
  start: number
  /** First instant no longer covered. */
  end: number
  days: number
}

const PEAK_HOUR = 14.5
const PEAK_WIDTH_HOURS = 3.8
const NIGHT_FLOOR = 0.12

/** Relative request rate at an instant, 0.12 (small hours) to 1 (mid-afternoon). */
export function trafficWeightAt(ms: number): number {
  const hour = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS
  const fromPeak = Math.min(Math.abs(hour - PEAK_HOUR), 24 - Math.abs(hour - PEAK_HOUR))
  return (
    NIGHT_FLOOR +
    (1 - NIGHT_FLOOR) * Math.exp(-(fromPeak * fromPeak) / (2 * PEAK_WIDTH_HOURS * PEAK_WIDTH_HOURS))
  )
}

/** A random instant in the window, more likely when the site is busy (rejection sampling). */
export function drawBusyInstant(random: SeededRandom, window: ScenarioWindow): number {
  for (;;) {
    const candidate = window.start + Math.floor(random.next() * (window.end - window.start))
    if (random.next() < trafficWeightAt(candidate)) return candidate
  }
}

/**
 * An instant on a day chosen by its position in the scenario (0 = first day, 1 = last day) at a UTC wall
 * time, so a one-day demo and a week-long one tell the same story in the same order.
 */
export function scheduledInstant(
  window: ScenarioWindow,
  dayPosition: number,
  hour: number,
  minute: number
): number {
  const day = Math.min(window.days - 1, Math.floor(dayPosition * window.days))
  const midnight = window.start - (((window.start % DAY_MS) + DAY_MS) % DAY_MS) + day * DAY_MS
  const instant = midnight + hour * HOUR_MS + minute * 60_000
  return Math.min(Math.max(instant, window.start), window.end - HOUR_MS)
}
