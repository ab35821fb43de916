// Splits a rule file into its YAML documents, keeping for each its first line, its own source text and a way
// to find the line of any key, so later checks can say "line 12: …". Read with the YAML 1.2 core schema so
// `date: 2023-06-16` stays text and `yes`/`no` stay words, whatever a `%YAML 1.1` directive says.

import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml'
import type { FieldPath, LineLocator, LocatedLine } from './ruleFieldReader'

/** One readable document: its JavaScript value, where it sits and how to locate its keys. */
export interface RuleSource {
  /** 0-based position among the file's YAML documents (empty ones included, so it matches the file). */
  index: number
  /** 1-based line of the document's first key. */
  line: number
  /** The document's text, from its first line; for a collection-derived rule, the merged rule. */
  yaml: string
  value: unknown
  locate: LineLocator
}

export type SourceDocument =
  { ok: true; source: RuleSource } | { ok: false; index: number; line: number; message: string }

/** The position of the first character YAML text may not hold (YAML 1.2 §5.1: C0 controls other than
 * tab, LF and CR; DEL; C1 controls other than NEL), or -1. */
function firstNonYamlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (
      unit < 0x20
        ? unit !== 0x09 && unit !== 0x0a && unit !== 0x0d
        : unit >= 0x7f && unit <= 0x9f && unit !== 0x85
    ) {
      return i
    }
  }
  return -1
}

export function readSourceDocuments(text: string): SourceDocument[] {
  const binary = firstNonYamlCharacter(text)
  if (binary !== -1) {
    const line = text.slice(0, binary).split('\n').length
    const code = text.charCodeAt(binary).toString(16).toUpperCase().padStart(4, '0')
    const message =
      `line ${line}: the file holds the control character U+${code}, which YAML text cannot contain; ` +
      'it is not a Sigma rule file (binary data?)'
    return [{ ok: false, index: 0, line, message }]
  }
  const lines = new LineCounter()
  // logLevel 'error': the library would print warnings (odd keys, unknown tags) to the process's stderr.
  const documents = parseAllDocuments(text, { lineCounter: lines, schema: 'core', logLevel: 'error' })
  const read: SourceDocument[] = []
  documents.forEach((document, index) => {
    if (document.errors.length === 0 && isEmpty(document)) return
    read.push(readDocument(document, index, text, lines))
  })
  return read
}

function isEmpty(document: Document.Parsed): boolean {
  const contents = document.contents
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === '')
}

function readDocument(
  document: Document.Parsed,
  index: number,
  text: string,
  lines: LineCounter
): SourceDocument {
  const start = document.contents?.range[0] ?? document.range[0]
  const line = lines.linePos(start).line
  const error = document.errors[0]
  if (error !== undefined) {
    const errorLine = error.linePos?.[0].line ?? line
    return { ok: false, index, line: errorLine, message: `line ${errorLine}: ${yamlErrorText(error, text)}` }
  }
  let value: unknown
  try {
    value = document.toJS()
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return { ok: false, index, line, message: `line ${line}: the YAML document cannot be read: ${reason}` }
  }
  const lineStart = lines.lineStarts[line - 1] ?? start
  const yaml = `${text.slice(lineStart, document.range[2]).trimEnd()}\n`
  return { ok: true, source: { index, line, yaml, value, locate: locatorOf(document, lines, line) } }
}

/** The library's message without its code excerpt, and for a duplicate key the key itself. */
function yamlErrorText(error: Document.Parsed['errors'][number], text: string): string {
  const reason = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')
  if (error.code !== 'DUPLICATE_KEY') return `YAML syntax error: ${reason}`
  const lineEnd = text.indexOf('\n', error.pos[0])
  const key = text
    .slice(error.pos[0], lineEnd === -1 ? undefined : lineEnd)
    .split(':')[0]
    .trim()
  const named = key === '' ? 'a key' : `the key \`${key}\``
  return `${named} appears twice in the same map; YAML map keys must be unique (remove one)`
}

/** Finds the line of a key or list item by walking the document's syntax tree along the path. */
function locatorOf(document: Document.Parsed, lines: LineCounter, firstLine: number): LineLocator {
  return (path: FieldPath): LocatedLine => {
    let node: unknown = document.contents
    let line = firstLine
    for (const step of path) {
      const child = childOf(node, step)
      if (child === undefined) return { line, exact: false }
      line = lines.linePos(child.offset).line
      node = child.node
    }
    return { line, exact: true }
  }
}

function childOf(node: unknown, step: string | number): { node: unknown; offset: number } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === String(step) && pair.key.range) {
        return { node: pair.value, offset: pair.key.range[0] }
      }
    }
  } else if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step]
    if ((isMap(item) || isSeq(item) || isScalar(item)) && item.range) {
      return { node: item, offset: item.range[0] }
    }
  }
  return undefined
}
