// The metadata every Sigma document may carry (title, id, status, level, tags, dates, …), checked against
// the rules specification and its JSON schema and filled with defaults. The same checks apply to detection,
// correlation and filter documents: a field means the same thing whichever kind of rule carries it.

import { fieldOf, type RuleFieldReader, type RuleMap, type TextShape } from './ruleFieldReader'
import type { RuleSource } from './ruleYamlDocuments'
import type { RuleOrigin, SigmaLevel, SigmaRuleMeta, SigmaStatus } from './ruleTypes'

const SIGMA_LEVELS: readonly SigmaLevel[] = ['informational', 'low', 'medium', 'high', 'critical']
const SIGMA_STATUSES: readonly SigmaStatus[] = ['stable', 'test', 'experimental', 'deprecated', 'unsupported']
const RELATION_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const

const NAME: TextShape = { maxLength: 256 }
const DESCRIPTION: TextShape = { maxLength: 65_535 }
const DATE: TextShape = {
  pattern: {
    regex: /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/,
    description: 'a date in YYYY-MM-DD form'
  }
}
const TAG: TextShape = {
  pattern: {
    regex: /^[a-z0-9_-]+\.[a-z0-9._-]+$/,
    description:
      'a tag of the form namespace.name in lower-case letters, digits, `_`, `-` and `.` (attack.t1059.001)'
  }
}
const FALSE_POSITIVE: TextShape = { minLength: 2 }
const ID: TextShape = { minLength: 1 }

/**
 * Reads the shared metadata of a document. `falsepositivesMayBeText`: the correlation schema also accepts
 * a single text instead of a list.
 */
export function readRuleMeta(
  doc: RuleMap,
  fields: RuleFieldReader,
  source: RuleSource,
  origin: RuleOrigin,
  falsepositivesMayBeText: boolean
): SigmaRuleMeta {
  const field = (key: string): unknown => fieldOf(doc, key)
  const title = fields.text(fields.required(doc, 'title', [], 'every rule needs a title'), ['title'], NAME)
  readRelated(field('related'), fields)
  fields.text(field('taxonomy'), ['taxonomy'], NAME)
  fields.text(field('license'), ['license'])
  fields.text(field('date'), ['date'], DATE)
  fields.text(field('modified'), ['modified'], DATE)
  fields.textList(field('fields'), ['fields'], {}, { unique: true })
  fields.textList(field('scope'), ['scope'], { minLength: 2 })
  return {
    id: fields.text(field('id'), ['id'], ID) ?? `${origin.path}#${origin.document}`,
    name: fields.text(field('name'), ['name'], NAME),
    title: title ?? '',
    description: fields.text(field('description'), ['description'], DESCRIPTION),
    status: fields.choice(field('status'), ['status'], SIGMA_STATUSES),
    level: fields.choice(field('level'), ['level'], SIGMA_LEVELS),
    author: fields.text(field('author'), ['author']),
    tags: fields.textList(field('tags'), ['tags'], TAG, { unique: true }) ?? [],
    references: fields.textList(field('references'), ['references'], {}, { unique: true }) ?? [],
    falsepositives: readFalsePositives(field('falsepositives'), fields, falsepositivesMayBeText),
    yaml: source.yaml,
    origin
  }
}

function readFalsePositives(value: unknown, fields: RuleFieldReader, mayBeText: boolean): string[] {
  if (mayBeText && typeof value === 'string') {
    const text = fields.text(value, ['falsepositives'], FALSE_POSITIVE)
    return text === undefined ? [] : [text]
  }
  return fields.textList(value, ['falsepositives'], FALSE_POSITIVE, { unique: true }) ?? []
}

/** `related`: a list of `{ id, type }` maps naming rules this one derives from, obsoletes, … */
function readRelated(value: unknown, fields: RuleFieldReader): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    fields.wrongKind(['related'], value, 'a list of `id` and `type` maps')
    return
  }
  value.forEach((entry, i) => {
    const path = ['related', i]
    const relation = fields.map(entry, path)
    if (relation === undefined) return
    fields.text(fields.required(relation, 'id', path, 'name the related rule by its id'), [...path, 'id'], ID)
    const type = fields.required(
      relation,
      'type',
      path,
      `say how it is related (${RELATION_TYPES.join(', ')})`
    )
    fields.choice(type, [...path, 'type'], RELATION_TYPES)
  })
}
