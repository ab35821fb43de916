// What Cairn answers about Windows evidence in particular: the channel, provider and event-id make-up of one
// source, and the logon summary of a case (4624 successes and 4625 failures by user, source and logon type).
// Shared by core and the renderer; Windows events arrive from JSON exports and from EVTX files alike.

import type { FieldValueCount } from './domain'

/** The formats whose events are Windows events (read through the one Windows mapping). */
export const WINDOWS_FORMATS: ReadonlySet<string> = new Set(['windows_json', 'evtx'])

export function isWindowsFormat(format: string): boolean {
  return WINDOWS_FORMATS.has(format)
}

/** The most frequent values of one field in a source, and how much of the source they leave out. */
export interface ValueBreakdown {
  top: FieldValueCount[]
  /** Events whose value is not among `top`. */
  others: number
  /** Distinct values in all, `top` included. */
  distinct: number
  /** Events without this field. */
  missing: number
}

export interface WindowsSourceBreakdown {
  evidenceId: string
  events: number
  channels: ValueBreakdown
  providers: ValueBreakdown
  eventIds: ValueBreakdown
}

/** Logons of one account, from one source, of one logon type. */
export interface LogonGroup {
  /** `DOMAIN\name`, or the name alone when the event names no domain. */
  user: string
  /** The source address, else the workstation name the event gives; '' when it gives neither. */
  source: string
  /** The readable logon type ('Network', 'RemoteInteractive' …); '' when the event gives none. */
  logonType: string
  successes: number
  failures: number
  /** Most common failure reason ('bad password', or the raw status), '' without failures. */
  failureReason: string
  firstSeen: number
  lastSeen: number
}

export interface LogonUserCount {
  user: string
  successes: number
  failures: number
}

export interface LogonSummary {
  successes: number
  failures: number
  /** First and last logon in the summary, ms UTC; null when there is none. */
  firstSeen: number | null
  lastSeen: number | null
  /** Accounts with the most logons (successes and failures), most first. */
  topUsers: LogonUserCount[]
  /** Every group up to the cap, most logons first. */
  groups: LogonGroup[]
  /** Groups left out beyond the cap. */
  groupsOmitted: number
}
