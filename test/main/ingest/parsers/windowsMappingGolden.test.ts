// Golden files for the Windows mapping: one WindowsEvent per mapped event family, written by hand with
// realistic values (test/fixtures/windows-mapping/<case>.input.json), and the fields and extra it maps to
// (<case>.expected.json), each checked by hand against the tables in the windows*Mapping.ts headers.
// UPDATE_GOLDEN=1 rewrites the expected files: review the diff before keeping it.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  mapWindowsEvent,
  type WindowsEvent
} from '../../../../src-main/core/ingest/parsers/windowsEventMapping'

const FIXTURES = resolve(__dirname, '../../../fixtures/windows-mapping')
const INPUT = '.input.json'
const cases = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(INPUT))
  .map((name) => name.slice(0, -INPUT.length))
  .sort()

describe('mapWindowsEvent: golden files', () => {
  it('has a case for every family the mapping tables name', () => {
    const families = new Set(cases.map((name) => name.split('-').slice(0, 2).join('-')))
    for (const family of [
      'security-4624',
      'security-4625',
      'security-4634',
      'security-4648',
      'security-4672',
      'security-4688',
      'security-4697',
      'security-4698',
      'security-4702',
      'security-4720',
      'security-4724',
      'security-4728',
      'security-4732',
      'security-4740',
      'security-1102',
      'security-4768',
      'security-4769',
      'security-4771',
      'security-4663',
      'security-5140',
      'security-5145',
      'system-7045',
      'system-7036',
      'system-104',
      'sysmon-1',
      'sysmon-3',
      'sysmon-5',
      'sysmon-7',
      'sysmon-8',
      'sysmon-10',
      'sysmon-11',
      'sysmon-12',
      'sysmon-13',
      'sysmon-14',
      'sysmon-15',
      'sysmon-17',
      'sysmon-22',
      'sysmon-23',
      'sysmon-25',
      'powershell-4103',
      'powershell-4104',
      'powershell-400',
      'powershell-600',
      'defender-1116',
      'defender-1117',
      'rdp-1149',
      'rdp-21',
      'rdp-24',
      'rdp-25',
      'wmi-5857',
      'wmi-5858',
      'wmi-5861'
    ]) {
      expect(families.has(family), family).toBe(true)
    }
  })

  for (const name of cases) {
    it(`${name} maps to ${name}.expected.json`, () => {
      const input = JSON.parse(readFileSync(join(FIXTURES, `${name}${INPUT}`), 'utf8')) as WindowsEvent
      const actual = mapWindowsEvent(input)
      const expectedPath = join(FIXTURES, `${name}.expected.json`)
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`)
      }
      if (!existsSync(expectedPath)) throw new Error(`${expectedPath} is missing: run with UPDATE_GOLDEN=1`)
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')))
    })
  }
})
