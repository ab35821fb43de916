// Sigma rule verdicts and details for renderer tests: one document of every status, from Cairn's pack and
// from an analyst's folder, each overridable field by field.

import type { RuleDetail, RuleSupport, RulesOverview } from '../../../src-main/common/rules'

export function makeRule(overrides: Partial<RuleSupport> = {}): RuleSupport {
  return {
    path: '/rules/windows/proc_creation_win_powershell_download.yml',
    id: 'rule-loaded',
    title: 'PowerShell download cradle',
    kind: 'detection',
    status: 'loaded',
    reason: '',
    line: 1,
    level: 'high',
    enabled: true,
    ...overrides
  }
}

export const RULES: RuleSupport[] = [
  makeRule(),
  makeRule({
    id: 'rule-disabled',
    title: 'Certutil decode',
    path: '/rules/windows/proc_creation_win_certutil_decode.yml',
    reason: 'disabled in tuning',
    level: 'medium',
    enabled: false
  }),
  makeRule({
    id: 'rule-unsupported',
    title: 'Process access near LSASS',
    path: '/rules/windows/proc_access_lsass_near.yml',
    status: 'unsupported',
    reason: "condition uses 'near', which Cairn does not evaluate",
    level: undefined,
    enabled: false
  }),
  makeRule({
    id: '/rules/broken.yml#2',
    title: '',
    kind: 'unknown',
    path: '/rules/broken.yml',
    status: 'invalid',
    reason: 'detection has no condition',
    line: 14,
    level: undefined,
    enabled: false
  }),
  makeRule({
    id: 'rule-na',
    title: 'Okta admin role granted',
    path: 'builtin/cloud/okta_admin_role.yml',
    status: 'not_applicable',
    reason: 'no evidence in this case is of a kind this rule reads',
    level: 'low'
  }),
  makeRule({
    id: 'rule-correlation',
    title: 'Many failed logons then success',
    kind: 'correlation',
    path: 'builtin/linux/ssh_bruteforce_success.yml',
    line: 18
  })
]

export function makeOverview(rules: RuleSupport[] = RULES): RulesOverview {
  return {
    sources: [
      { kind: 'builtin', path: '', documents: 2, loaded: 1, unreadable: 0, removable: false },
      { kind: 'folder', path: '/rules', documents: 4, loaded: 2, unreadable: 1, removable: true }
    ],
    selection: { exclude: { statuses: ['deprecated', 'unsupported'] } },
    rules
  }
}

export function makeRuleDetail(overrides: Partial<RuleDetail> = {}): RuleDetail {
  return {
    ...makeRule(),
    yaml: 'title: PowerShell download cradle\ndescription: <script>alert(1)</script>\ndetection:\n  selection:\n    CommandLine|contains: DownloadString\n  condition: selection\n',
    description: 'PowerShell fetching a script from the web. <b>not bold</b>',
    tags: ['attack.execution', 'attack.t1059.001'],
    ruleLevel: 'medium',
    fields: ['CommandLine'],
    eventFields: ['process.command_line', 'CommandLine'],
    exclusions: [],
    ...overrides
  }
}
