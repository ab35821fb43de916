import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SigmaLibrary } from '../../../../src-main/core/detect/sigma/sigmaLibrary'
import { ruleDetail } from '../../../../src-main/core/detect/sigma/ruleDetail'
import { tempDir } from '../../helpers/tempDir'

const RULE_ID = '5d0e8a86-4e0a-4d43-9a3a-1f2b3c4d5e6f'

function ruleFolder(): string {
  const folder = tempDir('cairn-rules-')
  mkdirSync(join(folder, 'windows'), { recursive: true })
  writeFileSync(
    join(folder, 'windows', 'whoami.yml'),
    [
      'title: Whoami',
      `id: ${RULE_ID}`,
      'level: low',
      'logsource: { product: windows, category: process_creation }',
      'detection:',
      "  selection: { Image|endswith: '\\whoami.exe', CommandLine|contains: '/all' }",
      '  condition: selection'
    ].join('\n')
  )
  writeFileSync(join(folder, 'broken.yml'), 'title: [unclosed\n')
  return folder
}

describe('SigmaLibrary', () => {
  it('adds a folder beside Cairn’s pack and keeps it, with the tuning, in Cairn’s home', () => {
    const home = tempDir('cairn-home-')
    const folder = ruleFolder()
    const library = new SigmaLibrary({ home })
    const before = library.overview().sources
    expect(before.map((source) => source.kind)).toEqual(['builtin'])
    library.addFolder(folder)
    library.setEnabled(RULE_ID, false)
    library.setLevel(RULE_ID, 'critical')

    const reopened = new SigmaLibrary({ home })
    const overview = reopened.overview()
    expect(overview.sources[1]).toEqual({
      kind: 'folder',
      path: folder,
      documents: 2,
      loaded: 1,
      unreadable: 0,
      removable: true
    })
    const whoami = overview.rules.find((rule) => rule.id === RULE_ID)!
    expect(whoami).toMatchObject({
      status: 'loaded',
      enabled: false,
      offBy: 'tuning',
      level: 'critical',
      reason: 'disabled in tuning'
    })
    expect(reopened.ruleSet().detections.some((compiled) => compiled.rule.id === RULE_ID)).toBe(false)
    const broken = overview.rules.find((rule) => rule.path.endsWith('broken.yml'))!
    expect(broken.status).toBe('invalid')
    expect(broken.reason).not.toBe('')

    reopened.setEnabled(RULE_ID, true)
    reopened.setLevel(RULE_ID, null)
    expect(reopened.overview().rules.find((rule) => rule.id === RULE_ID)).toMatchObject({
      enabled: true,
      level: 'low'
    })
    reopened.removeFolder(folder)
    expect(new SigmaLibrary({ home }).overview().sources).toHaveLength(1)
  })

  it('lists a folder given for one run as not removable, and keeps the tuning note of a rule not applicable', () => {
    const home = tempDir('cairn-home-')
    const library = new SigmaLibrary({ home, folders: [ruleFolder()] })
    expect(library.overview().sources[1].removable).toBe(false)
    library.setEnabled(RULE_ID, false)
    const rule = library
      .overview(new Set(['apache_combined']))
      .rules.find((candidate) => candidate.id === RULE_ID)!
    expect(rule).toMatchObject({ status: 'not_applicable', enabled: false })
    expect(rule.reason).toBe('no evidence in this case is of a kind this rule reads; disabled in tuning')
  })

  it('marks rules no evidence of the case can feed as not applicable', () => {
    const library = new SigmaLibrary({ folders: [ruleFolder()] })
    const forWeb = library.overview(new Set(['apache_combined'])).rules.find((rule) => rule.id === RULE_ID)!
    expect(forWeb.status).toBe('not_applicable')
    const forWindows = library.overview(new Set(['windows_json'])).rules.find((rule) => rule.id === RULE_ID)!
    expect(forWindows.status).toBe('loaded')
  })

  it('refuses unknown folders and rules, and a damaged settings file, with what to do', () => {
    const home = tempDir('cairn-home-')
    const library = new SigmaLibrary({ home })
    expect(() => library.addFolder(join(home, 'nope'))).toThrow(/does not exist/)
    expect(() => library.removeFolder(home)).toThrow(/not one of the rule folders/)
    expect(() => library.setEnabled('no-such-rule', false)).toThrow(/no rule has the id/)
    writeFileSync(join(home, 'sigma-rules.json'), '{"folders": 3}')
    expect(() => new SigmaLibrary({ home }).ruleSet()).toThrow(/sigma-rules.json: folders .*fix or remove it/)
  })

  it('names the event fields a rule reads, through each logsource mapping', () => {
    const library = new SigmaLibrary({ folders: [ruleFolder()] })
    const detail = ruleDetail(library.ruleSet(), RULE_ID)
    expect(detail.fields.sort()).toEqual(['CommandLine', 'Image'])
    // Sysmon reads Image and CommandLine as EventData, then UserData; Security 4688 reads Image as
    // EventData NewProcessName (logsources.yml)
    expect(detail.eventFields.sort()).toEqual([
      'winlog.event_data.CommandLine',
      'winlog.event_data.Image',
      'winlog.event_data.NewProcessName',
      'winlog.user_data.CommandLine',
      'winlog.user_data.Image'
    ])
    expect(detail.yaml).toContain('title: Whoami')
  })

  it('names, for a correlation, its group-by field and the fields of the rules it builds on', () => {
    const library = new SigmaLibrary()
    // resources/rules/auth/ssh_brute_force.yml: event_count of failed SSH logins grouped by source.ip
    const detail = ruleDetail(library.ruleSet(), 'afcec563-e230-4a89-9b1f-2fc7590cc2cf')
    expect(detail.kind).toBe('correlation')
    expect(detail.fields).toEqual(['source.ip'])
    expect(detail.eventFields).toContain('source.ip')
    expect(detail.eventFields).toContain('event.outcome')
  })

  it('ignores the matches whose field holds a value the analyst set aside, and keeps the setting', () => {
    const home = tempDir('cairn-home-')
    const folder = ruleFolder()
    const library = new SigmaLibrary({ home, folders: [folder] })
    const matches = (lib: SigmaLibrary, commandLine: string) => {
      const found: string[] = []
      lib
        .ruleSet()
        .indexFor('windows_json')
        .match(
          {
            timestamp: 0,
            fields: { 'winlog.channel': 'Microsoft-Windows-Sysmon/Operational', 'event.code': 1 },
            extra: {
              'winlog.event_data.Image': 'C:\\Windows\\System32\\whoami.exe',
              'winlog.event_data.CommandLine': commandLine
            },
            raw: ''
          },
          (compiled) => found.push(compiled.rule.id)
        )
      return found.includes(RULE_ID)
    }
    expect(matches(library, 'whoami /all')).toBe(true)
    library.setExclusions(RULE_ID, [{ field: 'CommandLine', values: ['WHOAMI /ALL'] }])
    const reopened = new SigmaLibrary({ home, folders: [folder] })
    expect(matches(reopened, 'whoami /all')).toBe(false)
    expect(matches(reopened, 'whoami /all /fo csv')).toBe(true)
    expect(ruleDetail(reopened.ruleSet(), RULE_ID).exclusions).toEqual([
      { field: 'CommandLine', values: ['WHOAMI /ALL'] }
    ])
    reopened.setExclusions(RULE_ID, [])
    expect(matches(reopened, 'whoami /all')).toBe(true)
    // resources/rules/auth/ssh_brute_force.yml is a correlation
    expect(() =>
      reopened.setExclusions('afcec563-e230-4a89-9b1f-2fc7590cc2cf', [
        { field: 'source.ip', values: ['192.0.2.1'] }
      ])
    ).toThrow(/set them on the rules this one builds on/)
  })

  it('runs only the rules the selection keeps, and keeps the selection in Cairn’s home', () => {
    const home = tempDir('cairn-home-')
    const folder = ruleFolder()
    const library = new SigmaLibrary({ home, folders: [folder] })
    expect(library.overview().selection).toEqual({ exclude: { statuses: ['deprecated', 'unsupported'] } })
    // Cairn's pack tags everything attack.*; the folder's whoami rule has no tags, so include by tag drops it
    library.setSelection({ include: { tags: ['attack.t1110*'] } })
    const reopened = new SigmaLibrary({ home, folders: [folder] })
    const whoami = reopened.overview().rules.find((rule) => rule.id === RULE_ID)!
    expect(whoami).toMatchObject({
      status: 'loaded',
      enabled: false,
      reason: 'outside the rule selection (include)'
    })
    const running = reopened.ruleSet().detections.map((compiled) => compiled.rule)
    expect(running.length).toBeGreaterThan(0)
    // …and the building blocks of the brute-force correlations, which carry no tags of their own
    const blocks = running.filter((rule) => rule.tags.length === 0).map((rule) => rule.name)
    expect(blocks).toContain('cairn_ssh_failed_login')
    for (const rule of running.filter((candidate) => candidate.tags.length > 0)) {
      expect(rule.tags.some((tag) => tag.startsWith('attack.t1110'))).toBe(true)
    }
    const sshBruteForce = reopened
      .overview()
      .rules.find((rule) => rule.id === 'afcec563-e230-4a89-9b1f-2fc7590cc2cf')
    expect(sshBruteForce).toMatchObject({ status: 'loaded', enabled: true })
    expect(reopened.ruleSet().correlations.map((rule) => rule.id)).toContain(
      'afcec563-e230-4a89-9b1f-2fc7590cc2cf'
    )
    reopened.setSelection({ exclude: { levels: ['low'] } })
    expect(
      new SigmaLibrary({ home, folders: [folder] }).overview().rules.find((rule) => rule.id === RULE_ID)
    ).toMatchObject({
      enabled: false,
      reason: 'left out by the rule selection (exclude)'
    })
  })
})
