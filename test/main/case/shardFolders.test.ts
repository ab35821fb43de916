// The events folder is brought in step with the catalog when a case opens: a shard of an older case is
// adopted into the catalog, and a folder of shards whose evidence was never registered is removed.

import { describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { NO_RECORDS } from '../../../src-main/common/domain'
import { Case } from '../../../src-main/core/case/case'
import { ShardWriter } from '../../../src-main/core/store/shardWriter'
import { tempDir } from '../helpers/tempDir'

describe('shard folders at case open', () => {
  it('adopts a single-file shard of an older case and removes unregistered shard folders', async () => {
    const dir = join(tempDir(), 'case')
    const created = await Case.create(dir, 'Older case', 'UTC')
    const evidenceId = 'legacy-evidence'
    const writer = await ShardWriter.create({
      dir: join(dir, 'events', 'scratch'),
      evidenceId,
      range: 0,
      firstPart: 0,
      firstId: 1,
      maxShardBytes: 8 * 1024 * 1024,
      onShard: () => undefined
    })
    for (let i = 0; i < 5; i++) {
      writer.addEvent(
        { timestamp: 1_000 * i, fields: { message: `m${i}` }, raw: `line ${i}` },
        i + 1,
        i * 7,
        i * 7 + 7
      )
    }
    await writer.finish()
    // The layout of an older case: events/<id>.db, registered evidence, no catalog entry.
    renameSync(join(dir, 'events', 'scratch', '0-0.db'), join(dir, 'events', `${evidenceId}.db`))
    mkdirSync(join(dir, 'events', 'never-registered'))
    created.evidence.begin(
      {
        id: evidenceId,
        path: '/evidence/old.log',
        name: 'old.log',
        size: 35,
        sha256: 'a'.repeat(64),
        container: null,
        format: 'apache_combined',
        formatOptions: null,
        timeZone: 'UTC',
        ingestedAt: 0,
        ingestedBy: 'analyst',
        recordUnit: 'line',
        ...NO_RECORDS,
        status: 'complete'
      },
      null
    )
    created.close()

    const reopened = await Case.open(dir)
    expect(reopened.shards.forEvidence(evidenceId)).toEqual([
      expect.objectContaining({ file: '0-0.db', firstId: 1, lastId: 5, events: 5, endLine: 5, endOffset: 28 })
    ])
    expect(reopened.events.count({ evidenceIds: [evidenceId] })).toBe(5)
    expect(existsSync(join(dir, 'events', 'never-registered'))).toBe(false)
    expect(existsSync(join(dir, 'events', 'scratch'))).toBe(false)
    reopened.close()
  })
})
