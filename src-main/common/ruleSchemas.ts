// The rule selection as it crosses a boundary (IPC, the settings file): checked against this schema, which
// must describe exactly the RuleSelection type the rest of the code uses. Kept apart from rules.ts so the
// renderer, which only needs the types, does not bundle zod.

import { z } from 'zod'
import { SEVERITIES } from './domain'
import type { RuleSelection } from './rules'

const ruleFilterSchema = z.strictObject({
  statuses: z.array(z.string().min(1).max(64)).max(16).optional(),
  levels: z.array(z.enum(SEVERITIES)).max(5).optional(),
  tags: z.array(z.string().min(1).max(256)).max(500).optional(),
  paths: z.array(z.string().min(1).max(4096)).max(500).optional()
})

export const ruleSelectionSchema = z.strictObject({
  include: ruleFilterSchema.optional(),
  exclude: ruleFilterSchema.optional()
}) satisfies z.ZodType<RuleSelection>
