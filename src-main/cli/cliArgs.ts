// Parses and validates the command line: every option is checked here, so the commands only see good
// values, and a bad argument ends the run with one line that says what is wrong.

import { parseArgs } from 'node:util'
import { isValidTimeZone } from '../common/contract'
import { LOG_FORMATS } from '../common/domain'
import type { LogFormat } from '../common/domain'

export class UsageError extends Error {}

export const COMMANDS = [
  'analyze',
  'ingest',
  'detect',
  'alerts',
  'events',
  'notes',
  'report',
  'rules',
  'serve',
  'help'
] as const
export type Command = (typeof COMMANDS)[number]

export interface CliOptions {
  command: Command
  paths: string[]
  caseDir?: string
  iocs: string[]
  /** Sigma rule folders added to Cairn's own pack (detect, analyze). */
  rules: string[]
  tz: string
  /** The evidence format, when the user overrides detection by content. */
  format?: LogFormat
  /** An Apache LogFormat or nginx log_format string (implies --format web_custom). */
  logFormat?: string
  /** Bytes of event shards kept in memory at once. */
  memoryBudgetBytes?: number
  report?: string
  out?: string
  json: boolean
  limit: number
  text?: string
  title?: string
  port: number
  listenAll: boolean
  open: boolean
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        case: { type: 'string' },
        iocs: { type: 'string', multiple: true },
        rules: { type: 'string', multiple: true },
        tz: { type: 'string' },
        format: { type: 'string' },
        'log-format': { type: 'string' },
        'memory-budget': { type: 'string' },
        report: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
        text: { type: 'string' },
        title: { type: 'string' },
        port: { type: 'string' },
        'listen-all': { type: 'boolean' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  const [first = 'help', ...rest] = positionals
  const command = (values.help ? 'help' : first) as Command
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command '${first}'; try: cairn help`)
  const tz = values.tz ?? 'UTC'
  if (!isValidTimeZone(tz))
    throw new UsageError(`--tz '${tz}' is not an IANA time zone (e.g. UTC, Europe/Berlin)`)
  const format = values.format
  if (format !== undefined && !isLogFormat(format)) {
    throw new UsageError(`--format '${format}' is not one of: ${LOG_FORMATS.join(', ')}`)
  }
  const logFormat = values['log-format']
  if (logFormat !== undefined && format !== undefined && format !== 'web_custom') {
    throw new UsageError(`--log-format describes a web_custom log; it cannot go with --format ${format}`)
  }
  const options: CliOptions = {
    command,
    paths: rest,
    caseDir: values.case,
    iocs: values.iocs ?? [],
    rules: values.rules ?? [],
    tz,
    format: logFormat !== undefined ? 'web_custom' : format,
    ...(logFormat !== undefined ? { logFormat } : {}),
    ...(values['memory-budget'] !== undefined
      ? { memoryBudgetBytes: positiveInt(values['memory-budget'], '--memory-budget') * 1048576 }
      : {}),
    report: values.report,
    out: values.out,
    json: values.json ?? false,
    limit: positiveInt(values.limit ?? '20', '--limit'),
    text: values.text,
    title: values.title,
    port: values.port === undefined ? 0 : port(values.port),
    listenAll: values['listen-all'] ?? false,
    open: !(values['no-open'] ?? false)
  }
  requireFor(options)
  return options
}

function requireFor(options: CliOptions): void {
  const needsCase: Command[] = ['analyze', 'ingest', 'detect', 'alerts', 'events', 'notes', 'report']
  if (needsCase.includes(options.command) && !options.caseDir) {
    throw new UsageError(`${options.command} needs --case <dir>`)
  }
  if ((options.command === 'analyze' || options.command === 'ingest') && options.paths.length === 0) {
    throw new UsageError(`${options.command} needs at least one file or folder to import`)
  }
  if (options.command === 'notes') {
    if (options.paths[0] !== 'add')
      throw new UsageError('notes supports one action: cairn notes add --case <dir> --text <markdown>')
    if (!options.text) throw new UsageError('notes add needs --text <markdown>')
  }
  if (options.command === 'rules' && options.paths[0] !== 'check') {
    throw new UsageError('rules supports one action: cairn rules check <dir…> [--case <dir>] [--json]')
  }
  if (options.rules.length > 0 && options.command !== 'analyze' && options.command !== 'detect') {
    throw new UsageError('--rules goes with analyze and detect; rules check takes its folders as arguments')
  }
  if (options.command === 'report' && !options.out) throw new UsageError('report needs --out <file.pdf>')
  for (const [flag, path] of [
    ['--report', options.report],
    ['--out', options.out]
  ] as const) {
    if (path !== undefined && !path.toLowerCase().endsWith('.pdf'))
      throw new UsageError(`${flag} must name a .pdf file`)
  }
}

function isLogFormat(value: string): value is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(value)
}

function positiveInt(value: string, flag: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > 1_000_000) {
    throw new UsageError(`${flag} must be a whole number from 1 to 1000000, not '${value}'`)
  }
  return number
}

function port(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new UsageError(`--port must be 0–65535, not '${value}'`)
  return number
}

export const USAGE = `Cairn — offline incident response from the terminal

  cairn analyze <path…> --case <dir> [--iocs <file>]… [--rules <dir>]… [--tz <zone>] [--format <f>]
                [--report <file.pdf>] [--json]
  cairn ingest <path…> --case <dir> [--tz <zone>] [--format <f> | --log-format <pattern>] [--json]
  cairn detect --case <dir> [--rules <dir>]… [--json]
  cairn rules check [<dir>…] [--case <dir>] [--json]
  cairn alerts --case <dir> [--json]
  cairn events --case <dir> [--limit N] [--json]
  cairn notes add --case <dir> --text <markdown> [--title <title>]
  cairn report --case <dir> --out <file.pdf>
  cairn serve [--case <dir>] [--port N] [--no-open] [--listen-all]

Paths may be files, folders, .gz, .zip, .tar or .tar.gz (archives are streamed, never unpacked; each file
in them is its own evidence source). The format is detected from the content, or named with --format
(${LOG_FORMATS.join(', ')}); --log-format takes an Apache LogFormat or nginx log_format string. --tz
declares the zone of timestamps that carry none (RFC 3164 syslog, web server error logs …); default UTC.
--memory-budget <MiB> bounds the event data kept in memory (default 1024). A case folder is created on
first use.

Detection runs Cairn's own Sigma rules plus every --rules folder (any Sigma rule set, e.g. a SigmaHQ
checkout). \`rules check\` reports for each rule document in the folders (Cairn's pack when none is given)
whether it is loaded, unsupported (with the construct), invalid (with the problem and line) or, with
--case, not applicable to the evidence in that case.`
