// Wording shared by engines for alert titles, descriptions and run summaries, so every number a responder
// reads has its unit and every time its zone, phrased the same way whichever engine raised the alert.

const countFormat = new Intl.NumberFormat('en-US')

export function formatCount(value: number): string {
  return countFormat.format(value)
}

/** "1 event", "1,204 events". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`
}

/** "2025-12-10 10:54:27 UTC": alerts are read next to logs, so seconds matter and milliseconds do not. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** "45 s", "5 min", "1.5 h": a window length as a responder would say it. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${formatCount(ms / 1000)} s`
  if (ms < 3_600_000) return `${formatCount(ms / 60_000)} min`
  return `${formatCount(ms / 3_600_000)} h`
}

/** "a, b, c (+4 more)": keeps descriptions readable when a finding spans many accounts or lists. */
export function listSome(values: readonly string[], shown = 5): string {
  const head = values.slice(0, shown).join(', ')
  return values.length > shown ? `${head} (+${formatCount(values.length - shown)} more)` : head
}
