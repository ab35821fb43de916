// Turns the records of one audit event (SYSCALL with its EXECVE, CWD, PATH, PROCTITLE, SOCKADDR …, or a
// single user-space record such as USER_LOGIN) into one ECS event: who, which process, which file or peer,
// whether it worked, and a one-line summary. Every field without a column stays in extra as auditd.*.

import type { EventFieldValues, NormalisedEvent } from '../../../common/event'
import { normaliseIp } from './addresses'
import type { AuditRecord } from './auditdRecords'
import { decodeSockaddr } from './auditdSockaddr'
import { syscallName } from './auditdSyscalls'
import type { ExtraFields } from './results'

/** An auid no user logged in to (daemons, boot): 4294967295 is (uint32)-1. */
const UNSET_IDS = new Set(['4294967295', '-1', 'unset'])
/** What audit writes for "no value". */
const NO_VALUES = new Set(['?', '(null)', '(none)', ''])

const CATEGORY_BY_TYPE: Readonly<Record<string, string>> = {
  EXECVE: 'process',
  USER_CMD: 'process',
  USER_AUTH: 'authentication',
  USER_ACCT: 'authentication',
  USER_LOGIN: 'authentication',
  USER_ERR: 'authentication',
  CRED_ACQ: 'authentication',
  CRED_REFR: 'authentication',
  CRED_DISP: 'authentication',
  ANOM_LOGIN_FAILURES: 'authentication',
  USER_START: 'session',
  USER_END: 'session',
  USER_LOGOUT: 'session',
  LOGIN: 'session',
  ADD_USER: 'iam',
  DEL_USER: 'iam',
  ADD_GROUP: 'iam',
  DEL_GROUP: 'iam',
  USER_MGMT: 'iam',
  GRP_MGMT: 'iam',
  USER_CHAUTHTOK: 'iam',
  GRP_CHAUTHTOK: 'iam',
  ACCT_LOCK: 'iam',
  ACCT_UNLOCK: 'iam',
  ROLE_ASSIGN: 'iam',
  ROLE_REMOVE: 'iam',
  CONFIG_CHANGE: 'configuration',
  DAEMON_CONFIG: 'configuration',
  MAC_POLICY_LOAD: 'configuration',
  MAC_STATUS: 'configuration',
  NETFILTER_CFG: 'configuration',
  KERN_MODULE: 'driver'
}

const PROCESS_SYSCALLS = ['execve', 'execveat', 'fork', 'vfork', 'clone', 'clone3', 'kill', 'tkill', 'tgkill']
const NETWORK_SYSCALLS = ['socket', 'connect', 'accept', 'accept4', 'bind', 'listen', 'sendto', 'recvfrom']
const DRIVER_SYSCALLS = ['init_module', 'finit_module', 'delete_module']
const CATEGORY_BY_SYSCALL: ReadonlyMap<string, string> = new Map([
  ...PROCESS_SYSCALLS.map((name) => [name, 'process'] as const),
  ...NETWORK_SYSCALLS.map((name) => [name, 'network'] as const),
  ...DRIVER_SYSCALLS.map((name) => [name, 'driver'] as const),
  ['ptrace', 'process'],
  ['process_vm_readv', 'process'],
  ['process_vm_writev', 'process']
])
/** Syscalls whose SOCKADDR is the peer they reach out to, and those whose SOCKADDR is the peer that came in. */
const OUTBOUND_SYSCALLS = new Set(['connect', 'sendto', 'sendmsg'])
const INBOUND_SYSCALLS = new Set(['accept', 'accept4', 'recvfrom', 'recvmsg'])

/** The failures a responder meets most in audit logs, by the errno a failed syscall returns as -exit. */
const ERRNO_REASONS: Readonly<Record<string, string>> = {
  '1': 'EPERM: operation not permitted',
  '2': 'ENOENT: no such file or directory',
  '3': 'ESRCH: no such process',
  '4': 'EINTR: interrupted',
  '5': 'EIO: input/output error',
  '9': 'EBADF: bad file descriptor',
  '11': 'EAGAIN: try again',
  '12': 'ENOMEM: out of memory',
  '13': 'EACCES: permission denied',
  '14': 'EFAULT: bad address',
  '16': 'EBUSY: busy',
  '17': 'EEXIST: file exists',
  '20': 'ENOTDIR: not a directory',
  '21': 'EISDIR: is a directory',
  '22': 'EINVAL: invalid argument',
  '30': 'EROFS: read-only file system',
  '38': 'ENOSYS: not implemented',
  '39': 'ENOTEMPTY: directory not empty',
  '101': 'ENETUNREACH: network unreachable',
  '110': 'ETIMEDOUT: timed out',
  '111': 'ECONNREFUSED: connection refused',
  '115': 'EINPROGRESS: in progress'
}

/** The event being built, and the records' facts that are settled only once every record is read. */
interface Draft {
  fields: EventFieldValues
  extra: ExtraFields
  syscall: string | undefined
  /** What sudo ran, from a USER_CMD record's cmd=. */
  userCommand: string | undefined
  executeArguments: string | undefined
  processTitle: string | undefined
  workingDirectory: string | undefined
  paths: AuditRecord[]
  /** Who acted on the account a user-space record names (acct=): the login user, when there is one. */
  actor: string | undefined
}

/** One ECS event from the records of one audit event, in log order; `raw` is their lines joined. */
export function describeAuditEvent(records: readonly AuditRecord[], raw: string): NormalisedEvent {
  const first = records[0]
  const draft: Draft = {
    fields: {
      'event.kind': 'event',
      'event.module': 'auditd',
      'event.dataset': 'auditd.log',
      'event.code': first.type
    },
    // Every record type of the event (SYSCALL,EXECVE,PATH …): Sigma's auditd rules select by any of them.
    extra: { 'auditd.record_types': [...new Set(records.map((record) => record.type))].join(',') },
    syscall: undefined,
    userCommand: undefined,
    executeArguments: undefined,
    processTitle: undefined,
    workingDirectory: undefined,
    paths: [],
    actor: undefined
  }
  if (first.node !== undefined) draft.fields['host.name'] = first.node
  // The subject (who, which process) is in the first record, or in the SYSCALL when an AVC comes first.
  const syscallRecord = records.find((record) => record.type === 'SYSCALL')
  const subject = mergeSubject(first, syscallRecord)
  const { fields } = draft
  readSubject(subject, first, draft)
  for (const record of records) {
    if (record !== first && record !== syscallRecord) readPart(record, draft)
  }
  settleProcess(draft)
  settleFile(subject, draft)
  for (const record of records) if (record.type === 'SOCKADDR') readSocketAddress(record, draft)
  const category = CATEGORY_BY_TYPE[first.type] ?? categoryOfSyscall(draft)
  if (category !== undefined) fields['event.category'] = category
  fields.message = summarise(draft, subject)
  // Every PATH record's name, one a line (a name may hold a comma, never a newline): Sigma's auditd rules
  // select `type: PATH` with any `name`.
  const pathNames = draft.paths.map((path) => path.fields.get('name')).filter((name) => name !== undefined)
  if (pathNames.length > 0) draft.extra['auditd.path_names'] = pathNames.join('\n')
  const event: NormalisedEvent = { timestamp: first.timestamp, fields, raw }
  if (Object.keys(draft.extra).length > 0) event.extra = draft.extra
  return event
}

/** The first record's fields, then the SYSCALL's where the first record lacks them. */
function mergeSubject(first: AuditRecord, syscallRecord: AuditRecord | undefined): Map<string, string> {
  if (syscallRecord === undefined || syscallRecord === first) return first.fields
  const merged = new Map(first.fields)
  for (const [key, value] of syscallRecord.fields) if (!merged.has(key)) merged.set(key, value)
  return merged
}

/** Maps the subject's fields to ECS; the ones it does not consume go to extra as auditd.<key>. */
function readSubject(subject: Map<string, string>, first: AuditRecord, draft: Draft): void {
  const { fields, extra } = draft
  const consumed = new Set<string>()
  const take = (key: string): string | undefined => {
    const value = subject.get(key)
    if (value === undefined || NO_VALUES.has(value)) return undefined
    consumed.add(key)
    return value
  }

  const syscall = subject.get('syscall')
  const named =
    take('SYSCALL') ?? (syscall === undefined ? undefined : syscallName(subject.get('arch'), syscall))
  draft.syscall = named
  fields['event.action'] = first.type === 'SYSCALL' && named !== undefined ? named : first.type.toLowerCase()
  const outcome = outcomeOf(take('success') ?? take('res'))
  if (outcome !== undefined) fields['event.outcome'] = outcome
  const exit = subject.get('exit')
  if (outcome === 'failure' && exit !== undefined && exit.startsWith('-')) {
    fields['event.reason'] = ERRNO_REASONS[exit.slice(1)] ?? `exit ${exit}`
  }

  draft.actor = readIdentity(take, subject, fields)
  const pid = take('pid')
  if (pid !== undefined && isDecimal(pid)) fields['process.pid'] = Number(pid)
  const ppid = take('ppid')
  if (ppid !== undefined && isDecimal(ppid)) fields['process.parent.pid'] = Number(ppid)
  const executable = take('exe')
  if (executable !== undefined) fields['process.executable'] = executable
  const name = take('comm')
  if (name !== undefined) fields['process.name'] = name
  draft.userCommand = take('cmd')
  const workingDirectory = take('cwd')
  if (workingDirectory !== undefined) draft.extra['process.working_directory'] = workingDirectory
  const ruleKey = take('key')
  if (ruleKey !== undefined) fields['rule.name'] = ruleKey
  const address = subject.get('addr')
  const ip = address === undefined ? null : normaliseIp(address)
  if (ip !== null) {
    consumed.add('addr')
    fields['source.ip'] = ip
  }

  for (const [key, value] of subject) {
    if (!consumed.has(key) && !NO_VALUES.has(value)) extra[`auditd.${key}`] = value
  }
  if (first.text !== undefined) extra['auditd.text'] = first.text
}

/**
 * Who acted. User-space records name the account acted on (`acct=`), and their uid is the daemon's own,
 * so the account and its `id=` go together and the login user who acted on it, if any, is returned for the
 * summary; kernel records name the login user (auid), or the uid when no one logged in, with the ENRICHED
 * format's translation of that same id as the name.
 */
function readIdentity(
  take: (key: string) => string | undefined,
  subject: Map<string, string>,
  fields: EventFieldValues
): string | undefined {
  const auid = subject.get('auid')
  const loggedIn = auid !== undefined && !UNSET_IDS.has(auid)
  const account = take('acct')
  if (account !== undefined) {
    fields['user.name'] = account
    const id = take('id')
    if (id !== undefined) fields['user.id'] = id
    if (!loggedIn) return undefined
    const loginName = subject.get('AUID')
    return loginName === undefined || NO_VALUES.has(loginName) ? `uid ${auid}` : loginName
  }
  const [idKey, nameKey] = loggedIn ? ['auid', 'AUID'] : ['uid', 'UID']
  const id = take(idKey)
  if (id === undefined || UNSET_IDS.has(id)) return undefined
  fields['user.id'] = id
  const translated = subject.get(nameKey)
  if (translated !== undefined && !UNSET_IDS.has(translated)) {
    const name = take(nameKey)
    if (name !== undefined) fields['user.name'] = name
  }
  return undefined
}

/** The records that describe the subject's syscall: arguments, title, directory, paths and anything else. */
function readPart(record: AuditRecord, draft: Draft): void {
  const { extra } = draft
  switch (record.type) {
    case 'EXECVE':
      draft.executeArguments = executeArguments(record, extra)
      return
    case 'PROCTITLE':
      draft.processTitle = record.fields.get('proctitle')
      if (draft.processTitle !== undefined) extra['auditd.proctitle'] = draft.processTitle
      return
    case 'CWD':
      draft.workingDirectory = record.fields.get('cwd')
      if (draft.workingDirectory !== undefined) extra['process.working_directory'] = draft.workingDirectory
      return
    case 'PATH':
      draft.paths.push(record)
      copyFields(record, `auditd.path.${record.fields.get('item') ?? draft.paths.length - 1}.`, extra, 'item')
      return
    case 'SOCKADDR':
    case 'EOE':
      return
    default:
      copyFields(record, `auditd.${record.type.toLowerCase()}.`, extra)
  }
}

/** argv from `argc` and `a0`…`aN` (each maybe split into `aN[0]`, `aN[1]` …), joined with spaces. */
function executeArguments(record: AuditRecord, extra: ExtraFields): string | undefined {
  const argc = record.fields.get('argc')
  if (argc === undefined || !isDecimal(argc)) return undefined
  extra['auditd.execve.argc'] = argc
  const argv: string[] = []
  for (let index = 0; index < Number(argc); index++) {
    let argument = record.fields.get(`a${index}`)
    if (argument === undefined) {
      const pieces: string[] = []
      for (let piece = 0; record.fields.has(`a${index}[${piece}]`); piece++) {
        pieces.push(record.fields.get(`a${index}[${piece}]`) ?? '')
      }
      // A record cut short holds the first arguments only: the command line says what it has.
      if (pieces.length === 0) break
      argument = pieces.join('')
    }
    extra[`auditd.execve.a${index}`] = argument
    argv.push(argument)
  }
  return argv.length === 0 ? undefined : argv.join(' ')
}

/** The command line: execve's argv, else sudo's command (USER_CMD cmd=), else the process title. */
function settleProcess(draft: Draft): void {
  const command = draft.executeArguments ?? draft.userCommand ?? draft.processTitle
  if (command !== undefined) draft.fields['process.command_line'] = command
}

/**
 * The file the event is about: the first PATH item that is not the PARENT directory of a created or deleted
 * entry (execve's item 0 is the program), made absolute with the CWD; else an AVC's or AppArmor's name=.
 */
function settleFile(subject: Map<string, string>, draft: Draft): void {
  const item = draft.paths.find((path) => path.fields.get('nametype') !== 'PARENT') ?? draft.paths[0]
  let path = usable(item?.fields.get('name')) ?? usable(subject.get('name'))
  if (path === undefined) return
  if (!path.startsWith('/') && draft.workingDirectory !== undefined) {
    path = `${draft.workingDirectory.replace(/\/$/, '')}/${path.replace(/^\.\//, '')}`
  }
  // A name with no directory to anchor it (an AVC's name=) is a file name, not a path.
  if (path.startsWith('/')) draft.fields['file.path'] = path
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (name !== '') draft.fields['file.name'] = name
}

/** The peer of a connect (destination) or an accept (source); other addresses stay in extra. */
function readSocketAddress(record: AuditRecord, draft: Draft): void {
  const { fields, extra } = draft
  const saddr = record.fields.get('saddr')
  const address = saddr === undefined ? undefined : decodeSockaddr(saddr)
  if (address === undefined) {
    copyFields(record, 'auditd.sockaddr.', extra)
    return
  }
  extra['auditd.sockaddr.family'] = address.family
  if (address.family === 'unix') extra['auditd.sockaddr.path'] = address.path
  if (address.family !== 'inet' && address.family !== 'inet6') return
  const syscall = draft.syscall ?? ''
  if (OUTBOUND_SYSCALLS.has(syscall)) {
    fields['destination.ip'] = address.address
    fields['destination.port'] = address.port
  } else if (INBOUND_SYSCALLS.has(syscall)) {
    fields['source.ip'] = address.address
    fields['source.port'] = address.port
  } else {
    extra['auditd.sockaddr.address'] = address.address
    extra['auditd.sockaddr.port'] = address.port
  }
}

function categoryOfSyscall(draft: Draft): string | undefined {
  const category = draft.syscall === undefined ? undefined : CATEGORY_BY_SYSCALL.get(draft.syscall)
  return category ?? (draft.paths.length > 0 ? 'file' : undefined)
}

/**
 * `execve by alice succeeded: curl http://x`, `openat by uid 1000 failed (EACCES: permission denied):
 * /etc/shadow`, `user_login for root from 203.0.113.9 failed: login`, `add_user for bob by alice …`.
 */
function summarise(draft: Draft, subject: Map<string, string>): string {
  const { fields, extra } = draft
  let summary = String(fields['event.action'])
  const who =
    fields['user.name'] ?? (fields['user.id'] === undefined ? undefined : `uid ${fields['user.id']}`)
  if (subject.has('acct')) {
    if (who !== undefined) summary += ` for ${who}`
    if (draft.actor !== undefined) summary += ` by ${draft.actor}`
  } else if (who !== undefined) {
    summary += ` by ${who}`
  }
  if (fields['source.ip'] !== undefined) summary += ` from ${fields['source.ip']}`
  if (fields['destination.ip'] !== undefined) {
    summary += ` to ${fields['destination.ip']} port ${fields['destination.port']}`
  }
  if (fields['event.outcome'] === 'success') summary += ' succeeded'
  if (fields['event.outcome'] === 'failure') summary += ' failed'
  if (fields['event.reason'] !== undefined) summary += ` (${fields['event.reason']})`
  const object =
    fields['process.command_line'] ?? fields['file.path'] ?? fields['file.name'] ?? usable(subject.get('op'))
  const detail = [extra['auditd.text'], object].filter((part) => part !== undefined).join(' ')
  return detail === '' ? summary : `${summary}: ${detail}`
}

/** Copies a record's fields to extra under `prefix`, with its free text as <prefix>text. */
function copyFields(record: AuditRecord, prefix: string, extra: ExtraFields, skip?: string): void {
  for (const [key, value] of record.fields) {
    if (key !== skip && !NO_VALUES.has(value)) extra[`${prefix}${key}`] = value
  }
  if (record.text !== undefined) extra[`${prefix}text`] = record.text
}

function outcomeOf(result: string | undefined): 'success' | 'failure' | undefined {
  if (result === 'yes' || result === 'success' || result === '1') return 'success'
  if (result === 'no' || result === 'failed' || result === '0') return 'failure'
  return undefined
}

function usable(value: string | undefined): string | undefined {
  return value === undefined || NO_VALUES.has(value) ? undefined : value
}

function isDecimal(text: string): boolean {
  return /^\d{1,10}$/.test(text)
}
