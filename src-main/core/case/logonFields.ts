// Who logged on, from where and how, read from one Windows logon event (4624/4625) whichever reader carried
// it: the mapped columns first, then the original Windows fields, which the mapping keeps under
// `winlog.event_data.<Name>` (or, from older imports, under the bare Windows name).

import type { StoredEvent } from '../../common/event'

/** Windows logon types by number, as Microsoft names them in the 4624 documentation. */
const LOGON_TYPE_NAMES: Readonly<Record<string, string>> = {
  '0': 'System',
  '2': 'Interactive',
  '3': 'Network',
  '4': 'Batch',
  '5': 'Service',
  '7': 'Unlock',
  '8': 'NetworkCleartext',
  '9': 'NewCredentials',
  '10': 'RemoteInteractive',
  '11': 'CachedInteractive',
  '12': 'CachedRemoteInteractive',
  '13': 'CachedUnlock'
}

/** An original Windows data value; '-' and '' are how Windows writes "none". */
export function windowsData(event: StoredEvent, name: string): string | undefined {
  return present(event.extra?.[`winlog.event_data.${name}`]) ?? present(event.extra?.[name])
}

/** `DOMAIN\name`, the name alone without a domain, '' when the event names no account. */
export function logonUser(event: StoredEvent): string {
  const name = present(event.fields['user.name']) ?? windowsData(event, 'TargetUserName')
  if (name === undefined) return ''
  const domain = present(event.fields['user.domain']) ?? windowsData(event, 'TargetDomainName')
  return domain === undefined ? name : `${domain}\\${name}`
}

/** The source address, else the workstation the logon came from, else ''. */
export function logonSource(event: StoredEvent): string {
  return present(event.fields['source.ip']) ?? windowsData(event, 'WorkstationName') ?? ''
}

/** The mapping's readable logon type, else the name of the numeric one, else ''. */
export function logonType(event: StoredEvent): string {
  const readable = present(event.extra?.['winlog.logon.type'])
  if (readable !== undefined) return readable
  const code = windowsData(event, 'LogonType')
  if (code === undefined) return ''
  return LOGON_TYPE_NAMES[code] ?? `type ${code}`
}

/**
 * Why a logon failed: the mapping's reason (the most specific it found), else its readable sub-status unless
 * that is zero, else its readable status, else the raw codes in hexadecimal.
 */
export function logonFailureReason(event: StoredEvent): string {
  const mapped = present(event.fields['event.reason'])
  if (mapped !== undefined) return mapped
  const subStatus = windowsData(event, 'SubStatus')
  const specific = subStatus === undefined || !isZeroStatus(subStatus)
  const readable =
    (specific ? present(event.extra?.['winlog.logon.failure.sub_status']) : undefined) ??
    present(event.extra?.['winlog.logon.failure.status'])
  if (readable !== undefined) return readable
  const raw = (specific ? subStatus : undefined) ?? windowsData(event, 'Status')
  return raw === undefined ? '' : statusHex(raw)
}

/** NTSTATUS codes as Windows documents them ('0xc000006a'); JSON exports may write them signed decimal. */
function statusHex(raw: string): string {
  if (!/^-?\d+$/.test(raw)) return raw.toLowerCase()
  return `0x${(Number(raw) >>> 0).toString(16).padStart(8, '0')}`
}

function isZeroStatus(raw: string): boolean {
  return /^(0x)?0+$/i.test(raw)
}

function present(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined
  const text = String(value).trim()
  return text === '' || text === '-' ? undefined : text
}
