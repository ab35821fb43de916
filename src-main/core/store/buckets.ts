// Picks a histogram bucket width a person reads easily (1 s, 5 min, 1 h, 1 day …) that keeps the number of
// buckets within what a chart can show.

const NICE_BUCKETS_MS = [
  1_000,
  5_000,
  10_000,
  30_000,
  60_000,
  5 * 60_000,
  10 * 60_000,
  15 * 60_000,
  30 * 60_000,
  3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
  7 * 86_400_000,
  30 * 86_400_000
]

export function chooseBucketMs(spanMs: number, maxBuckets: number): number {
  for (const bucket of NICE_BUCKETS_MS) if (spanMs / bucket <= maxBuckets) return bucket
  return Math.ceil(spanMs / maxBuckets / 86_400_000) * 86_400_000
}
