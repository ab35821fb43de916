// PowerShell's own logs: script blocks (4104) and pipeline details (4103) in the Operational channel of
// Microsoft-Windows-PowerShell and PowerShellCore, and engine and provider start-up in the classic Windows
// PowerShell channel (400, 403, 600, 800), whose Data is one text block of `HostApplication=…` lines.
//
// provider / id                     category/type   action                  more
// Microsoft-Windows-PowerShell,
// PowerShellCore 4103               process/info    executed-pipeline       ContextInfo lines: Host Application →
//                                                                           process.command_line (its program →
//                                                                           process.executable), User → user.*,
//                                                                           Script Name → file.path
// … 4104                            process/info    executed-script-block   Path → file.path
// PowerShell 400, 403               process/start, end   engine-started, engine-stopped   the same, from
// PowerShell 600                    process/info    provider-started        the param1–3 block: HostApplication,
// PowerShell 800                    process/info    executed-pipeline       UserId, ScriptName
// all: the System UserID (the account PowerShell ran as) → user.id

import type { EventKinds, WindowsEventKind, WindowsMapping } from './windowsMappingContext'
import { keyValueLines, setAccount, setExecutable, setFilePath } from './windowsMappingContext'

/** Where the context block is: 4103's ContextInfo, or the classic events' unnamed Data. */
const CONTEXT_NAMES = ['ContextInfo', 'param3', 'param2', 'param1']

const hostContext = ({ system, value, fields }: WindowsMapping): void => {
  for (const name of CONTEXT_NAMES) {
    const text = value(name)
    if (text === undefined || !text.includes('Application')) continue
    const context = keyValueLines(text)
    const commandLine = context.get('HostApplication')
    if (commandLine !== undefined && commandLine !== '') {
      fields['process.command_line'] = commandLine
      const program = programOf(commandLine)
      if (/\.exe$/i.test(program)) setExecutable(fields, program)
    }
    const user = context.get('User') ?? context.get('UserId')
    if (user !== undefined && user !== '') setAccount(fields, user)
    const script = context.get('ScriptName')
    if (script !== undefined && script !== '') setFilePath(fields, script)
    break
  }
  systemUser(system.userId, fields)
}

const scriptBlock = ({ system, value, fields }: WindowsMapping): void => {
  const path = value('Path')
  if (path !== undefined) setFilePath(fields, path)
  systemUser(system.userId, fields)
}

/** A PowerShell event is logged under the account that ran it. */
function systemUser(userId: string | undefined, fields: WindowsMapping['fields']): void {
  if (userId !== undefined) fields['user.id'] ??= userId
}

/** The program of a command line: quoted, or up to the first space. */
function programOf(commandLine: string): string {
  if (commandLine.startsWith('"')) {
    const close = commandLine.indexOf('"', 1)
    return close === -1 ? commandLine.slice(1) : commandLine.slice(1, close)
  }
  const space = commandLine.indexOf(' ')
  return space === -1 ? commandLine : commandLine.slice(0, space)
}

const info = (action: string, map: WindowsEventKind['map']): WindowsEventKind => ({
  category: 'process',
  type: 'info',
  action,
  map
})

export const POWERSHELL_EVENTS: EventKinds = new Map([
  [4103, info('executed-pipeline', hostContext)],
  [4104, info('executed-script-block', scriptBlock)]
])

export const CLASSIC_POWERSHELL_EVENTS: EventKinds = new Map([
  [400, { category: 'process', type: 'start', action: 'engine-started', map: hostContext }],
  [403, { category: 'process', type: 'end', action: 'engine-stopped', map: hostContext }],
  [600, info('provider-started', hostContext)],
  [800, info('executed-pipeline', hostContext)]
])
