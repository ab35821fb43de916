// Reads the data that ties Sigma logsources to Cairn events (resources/sigma/logsources.yml): which
// evidence formats, channels, event ids and field values make an event part of a logsource, and how the
// rule's field names read from it. The mapping is data so new sources need no code.

import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { LOG_FORMATS } from '../../../common/domain'
import type { LogFormat } from '../../../common/domain'
import { CairnError } from '../../../common/errors'
import type { SigmaLogsource } from './ruleTypes'

export interface LogsourceEntry {
  logsource: SigmaLogsource
  formats: ReadonlySet<LogFormat>
  /** winlog.channel values (lower case) the events must have; absent = any. */
  channels?: ReadonlySet<string>
  /** event.code values the events must have; absent = any. */
  eventIds?: ReadonlySet<string>
  /** Other fields and their allowed values (lower case). */
  where: readonly { field: string; values: ReadonlySet<string> }[]
  /** Sigma field name → Cairn fields to read, the first present wins. */
  fields: Readonly<Record<string, readonly string[]>>
  /** Sigma field names whose Cairn field holds a list, with its separator: a value matches any element. */
  listFields?: ReadonlyMap<string, string>
  /**
   * Sigma field names whose values are numbered extras (a prefix, then 1, 2 …): the unnamed Data elements
   * of classic PowerShell events, which rules name all at once as Data. A value matches any of them.
   */
  numberedFields?: ReadonlyMap<string, string>
  /** Prefixes under which a name not in `fields` is looked up in extra, in order (winlog.event_data.). */
  fieldPrefixes?: readonly string[]
  /** Also look an absent name up with its words spaced (ThreatName → 'Threat Name'). */
  spacedFieldNames?: boolean
}

const fieldTargets = z.record(
  z.string(),
  z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.strictObject({ listOf: z.string(), separator: z.enum([',', '\n']).default(',') }),
    z.strictObject({ numbered: z.string() })
  ])
)
const formatList = z.array(z.enum(LOG_FORMATS)).min(1)
const prefixes = z.union([z.string(), z.array(z.string()).min(1)])
const scalarList = z.array(z.union([z.string(), z.number()])).min(1)

const mappingSchema = z.strictObject({
  windows: z.strictObject({
    formats: formatList,
    spacedFieldNames: z.boolean().default(false),
    fieldPrefix: prefixes.optional(),
    fields: fieldTargets.optional(),
    services: z.record(z.string(), z.array(z.string()).min(1)),
    categories: z.record(
      z.string(),
      z
        .array(
          z.strictObject({
            channels: z.array(z.string()).min(1),
            eventIds: z.array(z.number().int()).min(1),
            fields: fieldTargets.optional()
          })
        )
        .min(1)
    )
  }),
  sources: z.array(
    z.strictObject({
      logsource: z.strictObject({
        product: z.string().optional(),
        category: z.string().optional(),
        service: z.string().optional()
      }),
      formats: formatList,
      where: z.record(z.string(), scalarList).optional(),
      fields: fieldTargets.optional(),
      fieldPrefix: prefixes.optional()
    })
  )
})

export class LogsourceMap {
  private readonly byKey = new Map<string, LogsourceEntry[]>()

  /** `sourceText` is the YAML the entries were read from: workers rebuild the map from it. */
  constructor(
    readonly entries: readonly LogsourceEntry[],
    readonly sourceText = ''
  ) {
    for (const entry of entries) {
      const key = logsourceKey(entry.logsource)
      const list = this.byKey.get(key) ?? []
      list.push(entry)
      this.byKey.set(key, list)
    }
  }

  /** Throws CairnError 'INTERNAL' naming the problem when the shipped mapping is malformed. */
  static fromYaml(text: string): LogsourceMap {
    const parsed = mappingSchema.safeParse(parseYaml(text))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new CairnError(
        'INTERNAL',
        `the Sigma logsource mapping is malformed at ${issue.path.join('.')}: ${issue.message}`
      )
    }
    const { windows, sources } = parsed.data
    // Every Windows entry reads System names through windows.fields and data names under its prefixes.
    const windowsEntry = (logsource: SigmaLogsource, fields?: FieldTargets): LogsourceEntry => ({
      logsource,
      formats: new Set(windows.formats),
      where: [],
      fields: { ...targetsOf(windows.fields), ...targetsOf(fields) },
      listFields: listFieldsOf({ ...windows.fields, ...fields }),
      numberedFields: numberedFieldsOf({ ...windows.fields, ...fields }),
      fieldPrefixes: prefixList(windows.fieldPrefix),
      spacedFieldNames: windows.spacedFieldNames
    })
    const entries: LogsourceEntry[] = [windowsEntry({ product: 'windows' })]
    for (const [service, channels] of Object.entries(windows.services)) {
      entries.push({ ...windowsEntry({ product: 'windows', service }), channels: lowerSet(channels) })
    }
    for (const [category, places] of Object.entries(windows.categories)) {
      for (const place of places) {
        entries.push({
          ...windowsEntry({ product: 'windows', category }, place.fields),
          channels: lowerSet(place.channels),
          eventIds: new Set(place.eventIds.map(String))
        })
      }
    }
    for (const source of sources) {
      entries.push({
        logsource: source.logsource,
        formats: new Set(source.formats),
        where: Object.entries(source.where ?? {}).map(([field, values]) => ({
          field,
          values: lowerSet(values.map(String))
        })),
        fields: targetsOf(source.fields),
        listFields: listFieldsOf(source.fields),
        numberedFields: numberedFieldsOf(source.fields),
        fieldPrefixes: prefixList(source.fieldPrefix)
      })
    }
    return new LogsourceMap(entries, text)
  }

  /** The entries a rule's logsource names: product, category and service all equal (absent = absent). */
  entriesFor(logsource: SigmaLogsource): readonly LogsourceEntry[] {
    return this.byKey.get(logsourceKey(logsource)) ?? []
  }
}

function logsourceKey(logsource: SigmaLogsource): string {
  return [logsource.product, logsource.category, logsource.service]
    .map((part) => (part ?? '').toLowerCase())
    .join('/')
}

function prefixList(prefix: string | string[] | undefined): string[] | undefined {
  return prefix === undefined ? undefined : [prefix].flat()
}

function lowerSet(values: readonly string[]): Set<string> {
  return new Set(values.map((value) => value.toLowerCase()))
}

type FieldTargets = z.infer<typeof fieldTargets>

function targetsOf(fields: FieldTargets | undefined): Record<string, string[]> {
  const targets: Record<string, string[]> = {}
  for (const [name, target] of Object.entries(fields ?? {})) {
    if (typeof target === 'string' || Array.isArray(target)) targets[name] = [target].flat()
    else if ('listOf' in target) targets[name] = [target.listOf]
  }
  return targets
}

function listFieldsOf(fields: FieldTargets | undefined): Map<string, string> {
  return new Map(
    Object.entries(fields ?? {}).flatMap(([name, target]) =>
      typeof target === 'object' && 'listOf' in target ? [[name, target.separator] as const] : []
    )
  )
}

function numberedFieldsOf(fields: FieldTargets | undefined): Map<string, string> {
  return new Map(
    Object.entries(fields ?? {}).flatMap(([name, target]) =>
      typeof target === 'object' && 'numbered' in target ? [[name, target.numbered] as const] : []
    )
  )
}
