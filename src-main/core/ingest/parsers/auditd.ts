// Linux audit logs (/var/log/audit/audit.log, raw or ENRICHED, with or without node=). The kernel writes one
// event as several records sharing msg=audit(TIME:SERIAL) (SYSCALL, EXECVE, CWD, PATH, PROCTITLE … EOE);
// they are joined into one event here, and the later records settle as skipped, pointing at its line.

import type { EmitOutcome, RecordParser, SourceRecord, TextFormatDefinition } from '../parser'
import { describeAuditEvent } from './auditdEvent'
import { readAuditRecord, type AuditRecord } from './auditdRecords'

/**
 * How many events may be open at once. Records of concurrent syscalls interleave a little in real logs,
 * so an event stays open until its EOE arrives or this many newer events have started after it.
 */
export const OPEN_EVENT_WINDOW = 8
/**
 * Record types user space writes (PAM, sshd, sudo, shadow-utils, auditd itself): each is a whole event
 * with a serial of its own, so it settles at once instead of waiting in the window.
 */
const USER_SPACE_TYPE =
  /^(?:USER_|CRED_|ADD_|DEL_|GRP_|ACCT_|ROLE_|DAEMON_|SERVICE_|SYSTEM_|ANOM_LOGIN_|CRYPTO_|VIRT_)|^(?:USYS_CONFIG|CHGRP_ID|CHUSER_ID|SOFTWARE_UPDATE)$/
/** ausearch prints `----` between the events it finds. */
const AUSEARCH_SEPARATOR = '----'

interface OpenAuditEvent {
  key: string
  records: AuditRecord[]
  sources: SourceRecord[]
}

export const auditdFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'auditd',
  framing: 'line',
  sniff(sample) {
    let records = 0
    let separators = 0
    for (const line of sample) {
      if (line.trimEnd() === AUSEARCH_SEPARATOR) separators++
      else if (!('problem' in readAuditRecord(line))) records++
    }
    return records === 0 ? 0 : (records + separators) / sample.length
  },
  create: () => new AuditEventAssembler()
}

/** Groups records into events; never shared between files, as it holds the open events of one file. */
class AuditEventAssembler implements RecordParser {
  readonly format = 'auditd'
  /** Open events by node and event id, oldest first (a Map keeps insertion order). */
  private readonly open = new Map<string, OpenAuditEvent>()

  read(source: SourceRecord, emit: EmitOutcome): void {
    const text = source.text.trimEnd()
    if (text === '' || text === AUSEARCH_SEPARATOR) {
      const reason = text === '' ? 'blank line' : 'ausearch separator between events'
      emit({ kind: 'skipped', reason, record: source })
      return
    }
    const record = readAuditRecord(text)
    if ('problem' in record) {
      emit({ kind: 'rejected', reason: record.problem, record: source })
      return
    }
    // Serials restart at boot and every host has its own, so the id alone does not name an event.
    const key = record.node === undefined ? record.eventId : `${record.node} ${record.eventId}`
    const event = this.open.get(key)
    if (event !== undefined) {
      event.records.push(record)
      event.sources.push(source)
      if (record.type === 'EOE') this.settle(event, emit)
      return
    }
    if (record.type === 'EOE') {
      emit({
        kind: 'skipped',
        reason: `end-of-event marker for audit(${record.eventId}), whose records were settled before it (more than ${OPEN_EVENT_WINDOW} events apart) or rejected`,
        record: source
      })
      return
    }
    const opened: OpenAuditEvent = { key, records: [record], sources: [source] }
    if (USER_SPACE_TYPE.test(record.type)) {
      this.settle(opened, emit)
      return
    }
    if (this.open.size >= OPEN_EVENT_WINDOW) {
      const oldest = this.open.values().next()
      if (oldest.done !== true) this.settle(oldest.value, emit)
    }
    this.open.set(key, opened)
  }

  end(emit: EmitOutcome): void {
    for (const event of [...this.open.values()]) this.settle(event, emit)
  }

  private settle(event: OpenAuditEvent, emit: EmitOutcome): void {
    this.open.delete(event.key)
    const [first, ...rest] = event.sources
    const raw =
      event.sources.length === 1 ? first.text : event.sources.map((source) => source.text).join('\n')
    emit({ kind: 'event', event: describeAuditEvent(event.records, raw), record: first })
    const reason = `part of the audit event at line ${first.line}`
    for (const source of rest) emit({ kind: 'skipped', reason, record: source })
  }
}
