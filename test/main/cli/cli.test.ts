// The cairn command as a user runs it: a real process, real files, exit codes and the --json shape.

import { describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { writeScenarioFiles } from '../../../src-main/core/demo/scenario'
import { tempDir } from '../helpers/tempDir'

const CLI = resolve(__dirname, '../../../src-main/cli/main.ts')

function cairn(args: string[], home = tempDir()) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CAIRN_HOME: home },
    timeout: 120_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('cairn analyze', () => {
  it('imports, detects and reports, with the documented --json shape', async () => {
    const logs = await writeScenarioFiles(tempDir())
    const caseDir = join(tempDir(), 'case')
    const pdf = join(tempDir(), 'report.pdf')
    const run = cairn([
      'analyze',
      logs.accessLogPath,
      logs.authLogPath,
      '--case',
      caseDir,
      '--iocs',
      logs.iocListPath,
      '--report',
      pdf,
      '--json'
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const output = JSON.parse(run.stdout)
    expect(output.case).toBe(caseDir)
    expect(output.evidence).toHaveLength(2)
    for (const evidence of output.evidence) {
      expect(Object.keys(evidence).sort()).toEqual([
        'events',
        'format',
        'path',
        'records',
        'rejected',
        'sha256',
        'skipped',
        'status'
      ])
      expect(evidence).toMatchObject({ status: 'complete', records: evidence.events + evidence.rejected })
      expect(evidence.events).toBeGreaterThan(0)
    }
    expect(output.evidence.map((e: { format: string }) => e.format).sort()).toEqual([
      'apache_combined',
      'syslog_rfc3164'
    ])
    const truth = logs.groundTruth.attacks
    const ips = (alert: { entities: { ips: string[] } }) => alert.entities.ips
    const alerts: {
      engine: string
      severity: string
      entities: { ips: string[] }
      first_seen: string
      rule: { id: string }
    }[] = output.alerts
    expect(
      alerts.some((a) => a.engine === 'auth-burst' && ips(a).includes(truth.sshBruteForce.sourceIp))
    ).toBe(true)
    expect(alerts.some((a) => a.engine === 'ioc')).toBe(true)
    // Cairn's own Sigma pack: its SSH brute-force correlation (resources/rules/auth/ssh_brute_force.yml)
    const SSH_BRUTE_FORCE = 'afcec563-e230-4a89-9b1f-2fc7590cc2cf'
    expect(
      alerts.some(
        (a) =>
          a.engine === 'sigma' &&
          a.rule.id === SSH_BRUTE_FORCE &&
          ips(a).includes(truth.sshBruteForce.sourceIp)
      )
    ).toBe(true)
    for (const alert of alerts) {
      expect(alert.first_seen).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
      expect(alert.rule.id).not.toBe('')
    }
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/)

    // Running it again on the same case imports nothing twice and duplicates no alert.
    const again = JSON.parse(cairn(['analyze', logs.accessLogPath, '--case', caseDir, '--json']).stdout)
    expect(again.alerts).toHaveLength(alerts.length)
    const listed = JSON.parse(cairn(['alerts', '--case', caseDir, '--json']).stdout)
    expect(listed.alerts.map((a: { id: string }) => a.id).sort()).toEqual(
      alerts.map((a) => (a as unknown as { id: string }).id).sort()
    )
  }, 180_000)
})

describe('cairn arguments and failures', () => {
  it('exits 2 with one line on bad arguments', () => {
    for (const args of [
      ['analyze', '/tmp/x.log'],
      ['frobnicate'],
      ['analyze', '--case', '/tmp/c'],
      ['events', '--case', '/tmp/c', '--limit', 'lots'],
      ['ingest', 'x', '--case', 'c', '--tz', 'Mars/Base']
    ]) {
      const run = cairn(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(/^cairn: /)
    }
  })

  it('takes an explicit --format over detection, and refuses an unknown one', () => {
    const dir = tempDir()
    // A web-server error line that detection would also recognise; forcing syslog must reject it with a reason.
    writeFileSync(join(dir, 'error.log'), '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok\n')
    const caseDir = join(tempDir(), 'case')
    const forced = JSON.parse(
      cairn(['ingest', join(dir, 'error.log'), '--case', caseDir, '--format', 'syslog_rfc3164', '--json'])
        .stdout
    )
    expect(forced.evidence[0]).toMatchObject({ format: 'syslog_rfc3164', events: 0, rejected: 1 })
    const unknown = cairn(['ingest', join(dir, 'error.log'), '--case', caseDir, '--format', 'evt'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("--format 'evt' is not one of")
  })

  it('exits 1 and names the file when an input cannot be read', () => {
    const caseDir = join(tempDir(), 'case')
    const run = cairn(['ingest', '/nonexistent/evidence.log', '--case', caseDir])
    expect(run.code).toBe(1)
    expect(run.stderr + run.stdout).toContain('/nonexistent/evidence.log')
  })

  it('reports an unrecognised file as failed while importing the others', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.txt'), 'these are not log lines\njust prose\n')
    writeFileSync(
      join(dir, 'access.log'),
      '192.0.2.1 - - [01/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8"\n'
    )
    const run = cairn(['ingest', dir, '--case', join(tempDir(), 'case'), '--json'])
    expect(run.code).toBe(1)
    const output = JSON.parse(run.stdout)
    // A folder is one source whose files are imported one by one: the prose file is reported, not dropped.
    expect(output.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entry: 'access.log', format: 'apache_combined', events: 1, rejected: 0 }),
        expect.objectContaining({
          path: dir,
          entry: 'notes.txt',
          status: 'failed',
          reason: expect.stringMatching(/notes\.txt was not imported: not in a format Cairn recognises/)
        })
      ])
    )
  })

  it('adds a note and lists events', () => {
    const home = tempDir()
    const dir = tempDir()
    writeFileSync(
      join(dir, 'access.log'),
      '192.0.2.1 - - [01/Mar/2026:10:00:00 +0000] "GET /a HTTP/1.1" 404 12 "-" "curl/8"\n'
    )
    const caseDir = join(tempDir(), 'case')
    expect(cairn(['ingest', join(dir, 'access.log'), '--case', caseDir], home).code).toBe(0)
    expect(
      cairn(['notes', 'add', '--case', caseDir, '--text', '# Scope\nOnly web01.'], home).stdout
    ).toContain("Note 'Scope' saved")
    const events = JSON.parse(cairn(['events', '--case', caseDir, '--limit', '5', '--json'], home).stdout)
    expect(events.total).toBe(1)
    expect(events.events[0]).toMatchObject({
      timestamp: '2026-03-01T10:00:00.000Z',
      line: 1,
      offset: 0,
      fields: { 'url.path': '/a' }
    })
  })
})

describe('cairn rules check and --rules', () => {
  function ruleFolder(): string {
    const folder = tempDir()
    const write = (name: string, lines: string[]) => writeFileSync(join(folder, name), lines.join('\n'))
    write('post_to_login.yml', [
      'title: POST to the login page',
      'id: 7f9c1e52-3a4b-4c5d-8e6f-0a1b2c3d4e5f',
      'logsource: { category: webserver }',
      'detection:',
      "  selection: { cs-method: POST, cs-uri-stem|contains: 'login' }",
      '  condition: selection'
    ])
    write('windows_only.yml', [
      'title: Windows only',
      'id: 0c7d5e3f-1a2b-4c3d-9e8f-7a6b5c4d3e2f',
      'logsource: { product: windows, service: security }',
      'detection: { selection: { EventID: 4625 }, condition: selection }'
    ])
    write('old_aggregation.yml', [
      'title: Old aggregation',
      'logsource: { product: windows, service: security }',
      'detection:',
      '  selection: { EventID: 4625 }',
      '  condition: selection | count() by TargetUserName > 5'
    ])
    write('bad_level.yml', [
      'title: Bad level',
      'level: severe',
      'logsource: { category: webserver }',
      'detection: { selection: { cs-method: GET }, condition: selection }'
    ])
    return folder
  }

  it('says of every rule document whether it is loaded, unsupported, invalid or not applicable', async () => {
    const folder = ruleFolder()
    const report = cairn(['rules', 'check', folder, '--json'])
    expect(report.stderr).toBe('')
    expect(report.code).toBe(0)
    const rules: { path: string; status: string; reason: string; line: number }[] = JSON.parse(
      report.stdout
    ).rules
    const byFile = new Map(rules.map((rule) => [rule.path.slice(folder.length + 1), rule]))
    expect([...byFile.keys()].sort()).toEqual([
      'bad_level.yml',
      'old_aggregation.yml',
      'post_to_login.yml',
      'windows_only.yml'
    ])
    expect(byFile.get('post_to_login.yml')!.status).toBe('loaded')
    expect(byFile.get('windows_only.yml')!.status).toBe('loaded')
    expect(byFile.get('old_aggregation.yml')).toMatchObject({ status: 'unsupported' })
    expect(byFile.get('old_aggregation.yml')!.reason).toContain('| count() by TargetUserName > 5')
    expect(byFile.get('bad_level.yml')).toMatchObject({ status: 'invalid', line: 2 })
    expect(byFile.get('bad_level.yml')!.reason).toContain('severe')

    // Against a case holding only a web server log, the Windows rule cannot apply.
    const logs = await writeScenarioFiles(tempDir())
    const caseDir = join(tempDir(), 'case')
    expect(cairn(['ingest', logs.accessLogPath, '--case', caseDir]).code).toBe(0)
    const forCase = JSON.parse(cairn(['rules', 'check', folder, '--case', caseDir, '--json']).stdout).rules
    const status = (file: string) => forCase.find((rule: { path: string }) => rule.path.endsWith(file)).status
    expect(status('windows_only.yml')).toBe('not_applicable')
    expect(status('post_to_login.yml')).toBe('loaded')

    // detect --rules runs the folder's rules next to Cairn's own pack
    const detect = JSON.parse(cairn(['detect', '--case', caseDir, '--rules', folder, '--json']).stdout)
    const logins = detect.alerts.filter(
      (alert: { rule: { id: string } }) => alert.rule.id === '7f9c1e52-3a4b-4c5d-8e6f-0a1b2c3d4e5f'
    )
    expect(logins).toHaveLength(1)
    // every POST to /login in the scenario's access log (grep -c '"POST /login' access.log)
    const posts = readFileSync(logs.accessLogPath, 'utf8')
      .split('\n')
      .filter((line) => /"POST [^"]*login/i.test(line)).length
    expect(logins[0].count).toBe(posts)
  }, 180_000)

  it('refuses --rules where it does not apply and a missing rule folder', () => {
    const misuse = cairn(['alerts', '--case', tempDir(), '--rules', tempDir()])
    expect(misuse.code).toBe(2)
    expect(misuse.stderr).toContain('--rules goes with analyze and detect')
    const missing = cairn(['rules', 'check', join(tempDir(), 'absent')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/rule folder .*absent does not exist/)
  })
})
