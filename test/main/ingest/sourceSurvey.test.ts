import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RANGE_ID_STRIDE, surveyFile } from '../../../src-main/core/ingest/sourceSurvey'
import { tempDir } from '../helpers/tempDir'

describe('surveyFile', () => {
  const lines = Array.from({ length: 100_001 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`)
  const content = lines.join('\n') + '\n'
  const path = join(tempDir(), 'big.log')
  writeFileSync(path, content)

  it('hashes the file and cuts it into ranges that start on lines, covering every byte once', async () => {
    const survey = await surveyFile(path, content.length, 3)
    expect(survey.sha256).toBe(createHash('sha256').update(content).digest('hex'))
    expect(survey.ranges).toHaveLength(3)
    expect(survey.ranges[0].start).toBe(0)
    expect(survey.ranges[2].end).toBe(content.length)
    for (let k = 0; k < survey.ranges.length; k++) {
      const range = survey.ranges[k]
      if (k > 0) expect(range.start).toBe(survey.ranges[k - 1].end)
      // The range starts right after a newline, on the line the survey numbered.
      expect(k === 0 || content[range.start - 1] === '\n').toBe(true)
      const lineNumber = content.slice(0, range.start).split('\n').length
      expect(range.firstLine).toBe(lineNumber)
      expect(content.slice(range.start).startsWith(lines[lineNumber - 1])).toBe(true)
      expect(range.firstId).toBe(k * RANGE_ID_STRIDE + 1)
    }
  })

  it('keeps one range for one part', async () => {
    const survey = await surveyFile(path, content.length, 1)
    expect(survey.ranges).toEqual([
      { index: 0, start: 0, end: content.length, firstLine: 1, firstId: 1, firstPart: 0 }
    ])
  })
})
