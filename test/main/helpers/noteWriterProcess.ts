// Child process for the crash test: creates notes in a loop and prints "ack N" after each durable write,
// until the parent kills it with SIGKILL.

import { CaseDatabase } from '../../../src-main/core/case/caseDatabase'

async function main(): Promise<void> {
  const db = await CaseDatabase.open(process.argv[2], { create: true })
  for (let n = 1; ; n++) {
    db.write([
      {
        sql: 'INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        params: [`note-${process.pid}-${n}`, `note ${n}`, 'x'.repeat(2000), n, n]
      }
    ])
    process.stdout.write(`ack ${n}\n`)
  }
}

void main()
