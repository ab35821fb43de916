// How the normalised event's fields map onto event-store columns. Column names are derived from the ECS
// names and are never built from user input: queries only ever reach columns through this table.

import { EVENT_FIELDS } from '../../common/event'
import type { EventField } from '../../common/event'

export const FIELD_COLUMNS: Readonly<Record<EventField, string>> = Object.fromEntries(
  EVENT_FIELDS.map((field) => [field, 'f_' + field.replace(/[^a-z0-9]/gi, '_')])
) as Record<EventField, string>
