// Conformance of the Sigma rule-file reader against the specification's own JSON schemas, judged by ajv: the
// specification's schema test rules must all be read as valid rules, and over every SigmaHQ rule file our
// valid/invalid verdict per document must be the schema's verdict. Datasets are read in place.

import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import { isScalar, parseAllDocuments } from 'yaml'
import { parseRuleFile } from '../../src-main/core/detect/sigma/ruleDocuments'
import type { ParsedDocument } from '../../src-main/core/detect/sigma/ruleTypes'

const DATASETS = resolve(__dirname, '../../../shared/datasets')
const SPECIFICATION = join(DATASETS, 'sigma-specification')
const SIGMAHQ = join(DATASETS, 'sigmahq-sigma')
const HAVE_SPECIFICATION = existsSync(join(SPECIFICATION, 'json-schema'))
const HAVE_SIGMAHQ = existsSync(SIGMAHQ)
if (!HAVE_SPECIFICATION) console.warn(`conformance: ${SPECIFICATION} is absent; Sigma schema suites skipped`)
if (!HAVE_SIGMAHQ) console.warn(`conformance: ${SIGMAHQ} is absent; SigmaHQ rule-file suite skipped`)

const SIGMAHQ_FOLDERS = [
  'rules',
  'rules-threat-hunting',
  'rules-emerging-threats',
  'deprecated',
  'rules-placeholder',
  'rules-compliance'
]
/** The folders of maintained rules, which must (nearly) all be valid. */
const MAINTAINED = new Set(['rules', 'rules-threat-hunting', 'rules-emerging-threats'])

/**
 * Documents where we knowingly disagree with the schema, with the reason. Empty: on this rule set the
 * reader and the schemas agree on every document (the deprecated rules the schema rejects are rejected for
 * the same reasons: YYYY/MM/DD dates, a Sigma 1 `timeframe`, a duplicated false positive).
 */
const KNOWN_DISAGREEMENTS = new Map<string, string>()

type SchemaKind = 'detection' | 'correlation' | 'filter'

/**
 * The three schemas, compiled by ajv's 2020-12 build. Not strict: the correlation schema spells its
 * condition operators as keywords ajv does not know (`gt`, `field`, a `condition` inside `then`) and puts
 * `items` on objects; strict mode would refuse to compile it, whereas JSON Schema says to ignore them.
 */
function compileSchemas(): Record<SchemaKind, ValidateFunction> {
  const ajv = new Ajv2020({ strict: false })
  // The only format the schemas use. The same pattern as ajv-formats' `uuid` (not installed here).
  ajv.addFormat('uuid', /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i)
  const load = (name: string): ValidateFunction =>
    ajv.compile(JSON.parse(readFileSync(join(SPECIFICATION, 'json-schema', name), 'utf8')) as object)
  return {
    detection: load('sigma-detection-rule-schema.json'),
    correlation: load('sigma-correlation-rules-schema.json'),
    filter: load('sigma-filters-schema.json')
  }
}

/** Which schema a document answers to, by its section (the same rule the specification gives). */
function schemaKind(value: unknown): SchemaKind {
  if (typeof value === 'object' && value !== null && 'correlation' in value) return 'correlation'
  if (typeof value === 'object' && value !== null && 'filter' in value) return 'filter'
  return 'detection'
}

/** The non-empty YAML documents of a file, by index, as plain values for ajv (YAML 1.2 core schema). */
function yamlDocuments(text: string): Map<number, unknown> {
  const documents = new Map<number, unknown>()
  parseAllDocuments(text, { schema: 'core' }).forEach((document, index) => {
    const contents = document.contents
    const empty =
      contents === null || (isScalar(contents) && contents.value === null && contents.source === '')
    if (!empty || document.errors.length > 0) documents.set(index, document.toJS())
  })
  return documents
}

function ymlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.yml'))
    .map((entry) => join(dir, entry))
    .sort()
}

function problemOf(document: ParsedDocument): string {
  return document.ok ? '' : document.problem.message
}

describe.skipIf(!HAVE_SPECIFICATION)('Sigma specification schema test rules', () => {
  it('reads every schema test rule as a valid rule of its folder’s kind, valid under that kind’s schema', () => {
    const schemas = compileSchemas()
    const files = ymlFilesUnder(join(SPECIFICATION, 'tests', 'schema'))
    // ls tests/schema/*/*.yml | wc -l → 12 (8 correlation, 2 filter, 2 rules)
    expect(files).toHaveLength(12)
    for (const file of files) {
      const folder = relative(join(SPECIFICATION, 'tests', 'schema'), file).split(/[\\/]/)[0]
      const kind = folder === 'rules' ? 'detection' : folder
      const parsed = parseRuleFile(file, readFileSync(file, 'utf8'))
      expect(parsed.documents.map(problemOf), file).toEqual([''])
      const [document] = parsed.documents
      expect(document.ok && document.rule.kind, file).toBe(kind)
      for (const value of yamlDocuments(readFileSync(file, 'utf8')).values()) {
        const validate = schemas[schemaKind(value)]
        expect(validate(value), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true)
      }
    }
  })
})

describe.skipIf(!HAVE_SPECIFICATION || !HAVE_SIGMAHQ)('SigmaHQ rule files against the JSON schemas', () => {
  it('gives every document the schema’s verdict, and accepts at least 99% of the maintained rules', () => {
    const schemas = compileSchemas()
    const disagreements: string[] = []
    let files = 0
    let documents = 0
    let valid = 0
    let maintained = 0
    let maintainedValid = 0
    let parseMs = 0
    for (const folder of SIGMAHQ_FOLDERS) {
      for (const file of ymlFilesUnder(join(SIGMAHQ, folder))) {
        files++
        const text = readFileSync(file, 'utf8')
        const name = relative(SIGMAHQ, file)
        const started = performance.now()
        const parsed = parseRuleFile(name, text)
        parseMs += performance.now() - started
        const expected = yamlDocuments(text)
        // No SigmaHQ file is a Sigma 1 collection (grep -rl '^action:' finds none), so documents map 1:1.
        expect(
          parsed.documents.map((document) => (document.ok ? document.rule : document.problem).origin.document)
        ).toEqual([...expected.keys()])
        for (const document of parsed.documents) {
          const origin = document.ok ? document.rule.origin : document.problem.origin
          const value = expected.get(origin.document)
          const validate = schemas[schemaKind(value)]
          const schemaValid = validate(value)
          documents++
          if (document.ok) valid++
          if (MAINTAINED.has(folder)) {
            maintained++
            if (document.ok) maintainedValid++
          }
          const key = `${name}#${origin.document}`
          if (document.ok !== schemaValid && !KNOWN_DISAGREEMENTS.has(key)) {
            const schemaSays = schemaValid ? 'valid' : JSON.stringify(validate.errors?.slice(0, 3))
            disagreements.push(
              `${key}: ours ${document.ok ? 'valid' : problemOf(document)} | schema ${schemaSays}`
            )
          }
        }
      }
    }
    console.log(
      `conformance: sigmahq rule files ${files} | documents ${documents} | valid ${valid} | ` +
        `invalid ${documents - valid} | maintained valid ${maintainedValid}/${maintained} | ` +
        `parsed in ${Math.round(parseMs)} ms`
    )
    expect(disagreements).toEqual([])
    // find rules rules-threat-hunting rules-emerging-threats deprecated rules-placeholder rules-compliance
    //   -name '*.yml' | wc -l → 3952 (SOURCE.md: 3,141 + 140 + 473 + 172 + 23 + 3)
    expect(files).toBe(3952)
    expect(maintainedValid / maintained).toBeGreaterThanOrEqual(0.99)
  })

  it('reads each valid rule’s id and title as the file writes them', () => {
    let checked = 0
    for (const file of ymlFilesUnder(join(SIGMAHQ, 'rules'))) {
      const text = readFileSync(file, 'utf8')
      const [document] = parseRuleFile(file, text).documents
      if (!document.ok) continue
      // The first `id:` and `title:` lines, read with a regex rather than a YAML parser (ids may carry a comment).
      const id = /^id: *([^\s#]+)/m.exec(text)?.[1]
      const title = /^title: *(.+?)\s*$/m.exec(text)?.[1].replace(/^'(.*)'$/, '$1')
      expect(document.rule.id, file).toBe(id)
      if (title !== undefined && !/^["']/.test(title)) expect(document.rule.title, file).toBe(title)
      checked++
    }
    expect(checked).toBeGreaterThan(3000)
  })
})
