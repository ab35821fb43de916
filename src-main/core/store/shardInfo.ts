// The catalog entry of one event shard: which evidence and which part of it the shard holds, the ids and
// times inside (so queries skip shards that cannot match without loading them), and how far into the
// source it reaches (so a cancelled or interrupted import resumes after its last shard).

export interface ShardInfo {
  evidenceId: string
  /** File name within the evidence's shard folder, `<range>-<part>.db`. */
  file: string
  /** The byte range of the source this shard came from (parallel imports read ranges side by side). */
  range: number
  /** Position of the shard within its range. */
  part: number
  /** Event ids in the shard are firstId..lastId (lastId < firstId when it holds no events). */
  firstId: number
  lastId: number
  events: number
  rejected: number
  firstTs: number | null
  lastTs: number | null
  /** The last record line the shard covers, and the byte offset just after that record. */
  endLine: number
  endOffset: number
  /** Size of the shard file. */
  bytes: number
}
