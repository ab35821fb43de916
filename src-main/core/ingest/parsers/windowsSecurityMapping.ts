// Security auditing events (provider Microsoft-Windows-Security-Auditing, channel Security): logons,
// account and group management, process creation, services, scheduled tasks, Kerberos and object access.
// Actions are Winlogbeat's names; accounts follow the AccountRole in windowsCommonFields.
//
// id          category/type               action                              account     more
// 4624        authentication/start        logged-in (success)                 logon       L
// 4625        authentication/start        logon-failed (failure)              logon       L, F
// 4634, 4647  session/end                 logged-out                          logon       L
// 4648        authentication/start        logged-in-explicit                  subject
// 4672        iam/admin                   logged-in-special                   subject
// 4688, 4689  process/start, end          created-process, exited-process     subject
// 4697        configuration/installation  service-installed                   subject
// 4698, 4702  configuration/creation, change  scheduled-task-created, -updated subject
// 4720–4726   iam/user,creation|change|deletion  added-, enabled-, reset-password, disabled-, deleted-
//                                          (…-user-account)                   subject
// 4738, 4740  iam/user,change             modified-user-account, locked-out-user-account (4740's
//                                          TargetDomainName is the caller computer → source.domain)
// 4728, 4732, 4756  iam/group,change      added-member-to-group               membership
// 4729, 4733, 4757  iam/group,change      removed-member-from-group           membership
// 4768        authentication/start        kerberos-authentication-ticket-requested   logon  K
// 4769        authentication/start        kerberos-service-ticket-requested          logon  K
// 4771        authentication/start        kerberos-preauth-failed (failure)          logon  K
// 4776        authentication/start        credential-validated                       logon  N
// 4663        file|registry/access        object-access (ObjectName → file.path, or extra registry.path)
// 5140, 5145  network/access              network-share-object-accessed, -access-checked
//                                          (ShareLocalPath + RelativeTargetName → file.path)
// L: LogonType → extra winlog.logon.type (its name), TargetLogonId → winlog.logon.id, WorkstationName →
//    source.domain (a valid host name only).
// F: Status, SubStatus (NTSTATUS) → winlog.logon.failure.status, .sub_status; FailureReason (%%2313) →
//    winlog.logon.failure.reason; the most specific of them → event.reason.
// K: Status (Kerberos result code) → outcome (0x0 success, else failure); when failed its meaning →
//    winlog.logon.failure.status and event.reason.  N: the same with an NTSTATUS code.

import { isHostname } from './addresses'
import type { EventKinds, WindowsEventKind, WindowsMapping } from './windowsMappingContext'
import { setFilePath } from './windowsMappingContext'
import {
  failureReasonText,
  isSuccessCode,
  kerberosResultText,
  logonTypeName,
  ntStatusText
} from './windowsReadableValues'

const logon = (mapping: WindowsMapping): void => {
  const { value, fields, extra } = mapping
  const type = value('LogonType')
  const typeName = type === undefined ? undefined : logonTypeName(type)
  if (typeName !== undefined) extra['winlog.logon.type'] = typeName
  const logonId = value('TargetLogonId')
  if (logonId !== undefined) extra['winlog.logon.id'] = logonId
  const workstation = value('WorkstationName')
  if (workstation !== undefined && isHostname(workstation)) fields['source.domain'] = workstation
}

const failedLogon = (mapping: WindowsMapping): void => {
  logon(mapping)
  const { value, fields, extra } = mapping
  const status = readable(value('Status'), ntStatusText)
  const subStatus = readable(value('SubStatus'), ntStatusText)
  const reason = readable(value('FailureReason'), failureReasonText)
  if (status !== undefined) extra['winlog.logon.failure.status'] = status
  if (subStatus !== undefined) extra['winlog.logon.failure.sub_status'] = subStatus
  if (reason !== undefined) extra['winlog.logon.failure.reason'] = reason
  const specific = subStatus !== undefined && subStatus !== 'success' ? subStatus : (status ?? reason)
  if (specific !== undefined) fields['event.reason'] = specific
}

/** The outcome a result code says, and why it failed: Kerberos (4768, 4769, 4771) or NTSTATUS (4776). */
const resultCode =
  (describe: (code: string) => string | undefined) =>
  ({ value, fields, extra }: WindowsMapping): void => {
    const code = value('Status')
    if (code === undefined) return
    if (isSuccessCode(code)) {
      fields['event.outcome'] = 'success'
      return
    }
    fields['event.outcome'] = 'failure'
    const meaning = describe(code)
    if (meaning === undefined) return
    extra['winlog.logon.failure.status'] = meaning
    fields['event.reason'] = meaning
  }

const lockout = ({ value, fields, extra }: WindowsMapping): void => {
  const caller = value('TargetDomainName')
  delete extra['user.target.domain']
  if (caller !== undefined && isHostname(caller)) fields['source.domain'] = caller
}

const objectAccess = ({ value, fields, extra }: WindowsMapping): void => {
  const name = value('ObjectName')
  if (name === undefined) return
  if (value('ObjectType') === 'Key') {
    fields['event.category'] = 'registry'
    extra['registry.path'] = name
  } else setFilePath(fields, name)
}

const shareAccess = ({ value, fields }: WindowsMapping): void => {
  const local = value('ShareLocalPath')?.replace(/^\\\?\?\\/, '')
  const relative = value('RelativeTargetName')
  if (local === undefined) return
  const path = relative === undefined ? local : `${local.replace(/\\$/, '')}\\${relative}`
  setFilePath(fields, path)
}

function readable(code: string | undefined, describe: (code: string) => string | undefined) {
  return code === undefined ? undefined : describe(code)
}

const kind = (
  category: string,
  type: string,
  action: string,
  more: Partial<WindowsEventKind> = {}
): WindowsEventKind => ({ category, type, action, ...more })

const ACCOUNT_ADMIN = 'iam'
const KERBEROS = resultCode(kerberosResultText)

export const SECURITY_EVENTS: EventKinds = new Map([
  [4624, kind('authentication', 'start', 'logged-in', { outcome: 'success', account: 'logon', map: logon })],
  [
    4625,
    kind('authentication', 'start', 'logon-failed', {
      outcome: 'failure',
      account: 'logon',
      map: failedLogon
    })
  ],
  [4634, kind('session', 'end', 'logged-out', { account: 'logon', map: logon })],
  [4647, kind('session', 'end', 'logged-out', { account: 'logon', map: logon })],
  [4648, kind('authentication', 'start', 'logged-in-explicit')],
  [4672, kind(ACCOUNT_ADMIN, 'admin', 'logged-in-special')],
  [4688, kind('process', 'start', 'created-process')],
  [4689, kind('process', 'end', 'exited-process')],
  [4697, kind('configuration', 'installation', 'service-installed')],
  [4698, kind('configuration', 'creation', 'scheduled-task-created')],
  [4702, kind('configuration', 'change', 'scheduled-task-updated')],
  [4720, kind(ACCOUNT_ADMIN, 'user,creation', 'added-user-account')],
  [4722, kind(ACCOUNT_ADMIN, 'user,change', 'enabled-user-account')],
  [4724, kind(ACCOUNT_ADMIN, 'user,change', 'reset-password')],
  [4725, kind(ACCOUNT_ADMIN, 'user,change', 'disabled-user-account')],
  [4726, kind(ACCOUNT_ADMIN, 'user,deletion', 'deleted-user-account')],
  [4738, kind(ACCOUNT_ADMIN, 'user,change', 'modified-user-account')],
  [4740, kind(ACCOUNT_ADMIN, 'user,change', 'locked-out-user-account', { map: lockout })],
  [4728, kind(ACCOUNT_ADMIN, 'group,change', 'added-member-to-group', { account: 'membership' })],
  [4732, kind(ACCOUNT_ADMIN, 'group,change', 'added-member-to-group', { account: 'membership' })],
  [4756, kind(ACCOUNT_ADMIN, 'group,change', 'added-member-to-group', { account: 'membership' })],
  [4729, kind(ACCOUNT_ADMIN, 'group,change', 'removed-member-from-group', { account: 'membership' })],
  [4733, kind(ACCOUNT_ADMIN, 'group,change', 'removed-member-from-group', { account: 'membership' })],
  [4757, kind(ACCOUNT_ADMIN, 'group,change', 'removed-member-from-group', { account: 'membership' })],
  [
    4768,
    kind('authentication', 'start', 'kerberos-authentication-ticket-requested', {
      account: 'logon',
      map: KERBEROS
    })
  ],
  [
    4769,
    kind('authentication', 'start', 'kerberos-service-ticket-requested', { account: 'logon', map: KERBEROS })
  ],
  [
    4771,
    kind('authentication', 'start', 'kerberos-preauth-failed', {
      outcome: 'failure',
      account: 'logon',
      map: KERBEROS
    })
  ],
  [
    4776,
    kind('authentication', 'start', 'credential-validated', {
      account: 'logon',
      map: resultCode(ntStatusText)
    })
  ],
  [4663, kind('file', 'access', 'object-access', { map: objectAccess })],
  [5140, kind('network', 'access', 'network-share-object-accessed', { map: shareAccess })],
  [5145, kind('network', 'access', 'network-share-object-access-checked', { map: shareAccess })]
])
