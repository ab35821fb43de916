// `cairn rules check`: the rule-support report. Every rule document in the given folders (Cairn's own pack
// when none is given) is listed as loaded, unsupported, invalid or — against a case's evidence — not
// applicable, with the reason, so a responder knows exactly which rules did not run and why.

import { resolve } from 'node:path'
import { caseFormats } from '../core/app/cairnApp'
import type { CairnApp } from '../core/app/cairnApp'
import { SigmaLibrary } from '../core/detect/sigma/sigmaLibrary'
import type { RuleSupport } from '../core/detect/sigma/ruleSupport'
import type { CliOptions } from './cliArgs'

export async function checkRules(app: CairnApp, options: CliOptions): Promise<number> {
  const folders = options.paths.slice(1).map((folder) => resolve(folder))
  const library = new SigmaLibrary({ folders, withoutBuiltin: folders.length > 0, selection: {} })
  const ruleSet = library.ruleSet()
  let support: RuleSupport[] = ruleSet.support
  if (options.caseDir !== undefined) {
    const summary = await app.openCaseDir(resolve(options.caseDir))
    support = ruleSet.supportFor(caseFormats(app.requireCase(summary.id)))
  }
  const unreadable: RuleSupport[] = library.unreadable.map((file) => ({
    path: file.path,
    id: file.path,
    title: '',
    kind: 'unknown',
    status: 'invalid',
    reason: `the file cannot be read: ${file.reason}`,
    line: 0,
    enabled: false
  }))
  const rules = [...support, ...unreadable]
  if (options.json) {
    console.log(
      JSON.stringify(
        {
          rules: rules.map(({ path, id, title, status, reason, kind, line }) => ({
            path,
            id,
            title,
            status,
            reason,
            kind,
            line
          }))
        },
        null,
        2
      )
    )
  } else {
    console.log(formatReport(rules))
  }
  return 0
}

function formatReport(rules: readonly RuleSupport[]): string {
  const counts = new Map<string, number>()
  for (const rule of rules) counts.set(rule.status, (counts.get(rule.status) ?? 0) + 1)
  const lines = rules
    .filter((rule) => rule.status !== 'loaded')
    .map(
      (rule) =>
        `${rule.status.padEnd(14)} ${rule.path}:${rule.line}  ${rule.title}\n${' '.repeat(15)}${rule.reason}`
    )
  const totals = ['loaded', 'unsupported', 'invalid', 'not_applicable']
    .map((status) => `${counts.get(status) ?? 0} ${status.replace('_', ' ')}`)
    .join(', ')
  return [...lines, `${rules.length} rule documents: ${totals}`].join('\n')
}
