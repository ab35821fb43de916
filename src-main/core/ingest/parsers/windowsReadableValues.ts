// Readable forms of the codes Windows events carry, kept beside the raw value so a responder reads "bad
// password" instead of 0xc000006a. Codes are matched case-insensitively (hex, or the signed decimal some
// exports write); an unknown code gets no readable form and keeps only its raw value.
//
// SIDs are named as LookupAccountSid names them in English: with their fixed authority when they have one
// ('NT AUTHORITY\SYSTEM', 'BUILTIN\Administrators'), bare when they have none ('Everyone') or belong to a
// domain whose name the SID does not hold (S-1-5-21-…-512 is 'Domain Admins').

/** Security LogonType → Winlogbeat's names (winlog.logon.type). */
const LOGON_TYPES = new Map<string, string>([
  ['0', 'System'],
  ['2', 'Interactive'],
  ['3', 'Network'],
  ['4', 'Batch'],
  ['5', 'Service'],
  ['7', 'Unlock'],
  ['8', 'NetworkCleartext'],
  ['9', 'NewCredentials'],
  ['10', 'RemoteInteractive'],
  ['11', 'CachedInteractive'],
  ['12', 'CachedRemoteInteractive'],
  ['13', 'CachedUnlock']
])

/** NTSTATUS codes of failed logons and credential checks (4625 Status/SubStatus, 4776 Status). */
const NT_STATUS = new Map<string, string>([
  ['0x0', 'success'],
  ['0xc0000022', 'access denied'],
  ['0xc000005e', 'no logon servers available'],
  ['0xc0000064', 'no such user'],
  ['0xc000006a', 'bad password'],
  ['0xc000006d', 'bad user name or password'],
  ['0xc000006e', 'account restriction'],
  ['0xc000006f', 'outside allowed logon hours'],
  ['0xc0000070', 'workstation restriction'],
  ['0xc0000071', 'password expired'],
  ['0xc0000072', 'account disabled'],
  ['0xc0000073', 'account name not mapped'],
  ['0xc0000133', 'clock skew between client and domain controller'],
  ['0xc000015b', 'logon type not granted'],
  ['0xc000018c', 'trusted domain failure'],
  ['0xc000018d', 'trust relationship failure'],
  ['0xc0000192', 'netlogon service not started'],
  ['0xc0000193', 'account expired'],
  ['0xc0000224', 'password must change at next logon'],
  ['0xc0000234', 'account locked out'],
  ['0xc0000413', 'authentication firewall: machine not allowed']
])

/** 4625 FailureReason message references (%%2304 …) as msobjs.dll words them, shortened. */
const FAILURE_REASONS = new Map<string, string>([
  ['%%2304', 'error during logon'],
  ['%%2305', 'account expired'],
  ['%%2306', 'netlogon component not active'],
  ['%%2307', 'account locked out'],
  ['%%2308', 'logon type not granted'],
  ['%%2309', 'password expired'],
  ['%%2310', 'account disabled'],
  ['%%2311', 'outside allowed logon hours'],
  ['%%2312', 'workstation restriction'],
  ['%%2313', 'unknown user name or bad password'],
  ['%%2314', 'domain SID inconsistent'],
  ['%%2315', 'smart card logon required']
])

/** Kerberos result codes (RFC 4120 section 7.5.9) of 4768, 4769 and 4771. */
const KERBEROS_RESULTS = new Map<string, string>([
  ['0x0', 'success'],
  ['0x6', 'client principal unknown (no such user)'],
  ['0x7', 'server principal unknown'],
  ['0xc', 'policy restriction (logon hours or workstation)'],
  ['0xe', 'encryption type not supported'],
  ['0x10', 'pre-authentication type not supported (smart card)'],
  ['0x12', 'client credentials revoked (account disabled, expired or locked out)'],
  ['0x17', 'password expired'],
  ['0x18', 'pre-authentication failed (bad password)'],
  ['0x1f', 'integrity check failed'],
  ['0x20', 'ticket expired'],
  ['0x25', 'clock skew too great']
])

const WELL_KNOWN_SIDS = new Map<string, string>([
  ['S-1-0-0', 'NULL SID'],
  ['S-1-1-0', 'Everyone'],
  ['S-1-2-0', 'LOCAL'],
  ['S-1-3-0', 'CREATOR OWNER'],
  ['S-1-5-2', 'NT AUTHORITY\\NETWORK'],
  ['S-1-5-4', 'NT AUTHORITY\\INTERACTIVE'],
  ['S-1-5-6', 'NT AUTHORITY\\SERVICE'],
  ['S-1-5-7', 'NT AUTHORITY\\ANONYMOUS LOGON'],
  ['S-1-5-9', 'NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS'],
  ['S-1-5-11', 'NT AUTHORITY\\Authenticated Users'],
  ['S-1-5-18', 'NT AUTHORITY\\SYSTEM'],
  ['S-1-5-19', 'NT AUTHORITY\\LOCAL SERVICE'],
  ['S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE'],
  ['S-1-5-32-544', 'BUILTIN\\Administrators'],
  ['S-1-5-32-545', 'BUILTIN\\Users'],
  ['S-1-5-32-546', 'BUILTIN\\Guests'],
  ['S-1-5-32-547', 'BUILTIN\\Power Users'],
  ['S-1-5-32-548', 'BUILTIN\\Account Operators'],
  ['S-1-5-32-549', 'BUILTIN\\Server Operators'],
  ['S-1-5-32-550', 'BUILTIN\\Print Operators'],
  ['S-1-5-32-551', 'BUILTIN\\Backup Operators'],
  ['S-1-5-32-555', 'BUILTIN\\Remote Desktop Users'],
  ['S-1-5-32-562', 'BUILTIN\\Distributed COM Users'],
  ['S-1-5-32-573', 'BUILTIN\\Event Log Readers'],
  ['S-1-5-32-580', 'BUILTIN\\Remote Management Users'],
  ['S-1-5-80-0', 'NT SERVICE\\ALL SERVICES']
])

/** The last sub-authority of a domain SID (S-1-5-21-a-b-c-RID) → the account every domain has there. */
const DOMAIN_RIDS = new Map<string, string>([
  ['500', 'Administrator'],
  ['501', 'Guest'],
  ['502', 'krbtgt'],
  ['512', 'Domain Admins'],
  ['513', 'Domain Users'],
  ['514', 'Domain Guests'],
  ['515', 'Domain Computers'],
  ['516', 'Domain Controllers'],
  ['517', 'Cert Publishers'],
  ['518', 'Schema Admins'],
  ['519', 'Enterprise Admins'],
  ['520', 'Group Policy Creator Owners'],
  ['521', 'Read-only Domain Controllers'],
  ['525', 'Protected Users'],
  ['526', 'Key Admins'],
  ['527', 'Enterprise Key Admins']
])

const DOMAIN_SID = /^S-1-5-21-\d+-\d+-\d+-(\d+)$/

export function logonTypeName(text: string): string | undefined {
  return LOGON_TYPES.get(text.trim())
}

export function ntStatusText(text: string): string | undefined {
  return NT_STATUS.get(hexCode(text))
}

export function failureReasonText(text: string): string | undefined {
  return FAILURE_REASONS.get(text.trim())
}

export function kerberosResultText(text: string): string | undefined {
  return KERBEROS_RESULTS.get(hexCode(text))
}

/** True for a success code (0x0, 0, 0x00000000), the value a failure-code field has when nothing failed. */
export function isSuccessCode(text: string): boolean {
  return hexCode(text) === '0x0'
}

export function wellKnownSidName(sid: string): string | undefined {
  const upper = sid.trim().toUpperCase()
  const named = WELL_KNOWN_SIDS.get(upper)
  if (named !== undefined) return named
  const domain = DOMAIN_SID.exec(upper)
  return domain === null ? undefined : DOMAIN_RIDS.get(domain[1])
}

/** '0xC000006A', '0xc000006a', '-1073741718' and '3221225578' all as '0xc000006a'; '0x00' as '0x0'. */
function hexCode(text: string): string {
  const trimmed = text.trim().toLowerCase()
  if (/^0x[0-9a-f]{1,8}$/.test(trimmed)) return `0x${parseInt(trimmed, 16).toString(16)}`
  if (/^-?\d{1,10}$/.test(trimmed)) {
    const value = Number(trimmed)
    if (value >= -0x80000000 && value <= 0xffffffff) return `0x${(value >>> 0).toString(16)}`
  }
  return trimmed
}
