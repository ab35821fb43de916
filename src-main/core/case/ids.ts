// Ids minted by core. Random UUIDs for records, so ids from the UI reveal nothing and cannot be guessed
// across cases; they match the contract's id schema.

import { randomUUID } from 'node:crypto'

export function newId(): string {
  return randomUUID()
}
