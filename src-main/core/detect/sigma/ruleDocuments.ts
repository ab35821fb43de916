// The entry point from a Sigma rule file's text to checked rule objects: every YAML document becomes a
// detection rule, a correlation rule, a filter, or a problem naming its line. Rule files come from analysts
// and third-party rule sets, so nothing in them may throw: a bad document never hides its neighbours.

import { expandCollections } from './ruleCollections'
import { readRule } from './ruleValidation'
import { readSourceDocuments, type SourceDocument } from './ruleYamlDocuments'
import type { ParsedDocument, ParsedRuleFile } from './ruleTypes'

export function parseRuleFile(path: string, text: string): ParsedRuleFile {
  let sources: SourceDocument[]
  try {
    sources = expandCollections(readSourceDocuments(text))
  } catch (cause) {
    // The YAML library is third-party code; whatever it throws becomes a problem with the file.
    const reason = cause instanceof Error ? cause.message : String(cause)
    const problem = {
      kind: 'invalid' as const,
      message: `line 1: the file cannot be read as YAML: ${reason}`
    }
    return {
      path,
      documents: [{ ok: false, problem: { ...problem, origin: { path, document: 0, line: 1 } } }]
    }
  }
  return { path, documents: sources.map((document) => parsedDocument(path, document)) }
}

function parsedDocument(path: string, document: SourceDocument): ParsedDocument {
  if (document.ok) return readRule(document.source, path)
  const origin = { path, document: document.index, line: document.line }
  return { ok: false, problem: { kind: 'invalid', message: document.message, origin } }
}
