// Collects the web server's requests from every part of the scenario and writes them out as one access
// log in time order, dropping anything that falls outside the scenario's window (the rotated neighbours).

import type { ScenarioWindow } from './clock'
import type { AccessLogEntry } from './logFormats'
import { formatCombinedLine } from './logFormats'

/** Who sends a request: the part of a log line that stays the same across one client's requests. */
export type Requester = Pick<AccessLogEntry, 'clientIp' | 'userAgent' | 'protocol'>
export type ClientRequest = Omit<AccessLogEntry, keyof Requester>

export class AccessLogBuilder {
  private readonly entries: AccessLogEntry[] = []

  constructor(private readonly window: ScenarioWindow) {}

  /** Records a request; false when it falls outside the window and will not be in the log. */
  add(entry: AccessLogEntry): boolean {
    if (entry.at < this.window.start || entry.at >= this.window.end) return false
    this.entries.push(entry)
    return true
  }

  send(from: Requester, request: ClientRequest): boolean {
    const { clientIp, userAgent, protocol } = from
    return this.add({ ...request, clientIp, userAgent, protocol })
  }

  get size(): number {
    return this.entries.length
  }

  /** Lines in time order; requests in the same millisecond keep the order they were recorded in. */
  render(): string[] {
    return [...this.entries].sort((a, b) => a.at - b.at).map(formatCombinedLine)
  }
}
