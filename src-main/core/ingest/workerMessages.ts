// Messages the ingest worker sends to its parent.

import type { ErrorCode } from '../../common/errors'
import type { IngestResult } from './ingestFile'

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: IngestResult }
  | { type: 'error'; code: ErrorCode; message: string }
