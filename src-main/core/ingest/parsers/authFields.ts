// What the auth.log recognisers write, in one vocabulary: an ECS category, an action name from a closed list
// and an outcome. Detection engines filter on these values, so they are declared here and nowhere else.

import type { EventFieldValues } from '../../../common/event'
import { recordSourceAddress } from './addresses'
import type { ExtraFields } from './results'

export const AUTH_ACTIONS = [
  'ssh_login',
  'ssh_invalid_user',
  'ssh_max_auth_attempts',
  'ssh_reverse_dns_mismatch',
  'ssh_disconnect',
  'ssh_connection_closed',
  'ssh_no_identification',
  'pam_auth_failure',
  'session_opened',
  'session_closed',
  'sudo_command',
  'su',
  'cron_command',
  'crontab_modified',
  'login',
  'kerberos_rlogin',
  'ftp_connection',
  'ftp_login',
  'user_created',
  'user_deleted',
  'user_modified',
  'user_locked',
  'user_unlocked',
  'user_added_to_group',
  'user_removed_from_group',
  'group_created',
  'group_deleted',
  'password_changed'
] as const

export type AuthAction = (typeof AUTH_ACTIONS)[number]
export type AuthCategory = 'authentication' | 'configuration' | 'iam' | 'process' | 'session' | 'network'
export type AuthOutcome = 'success' | 'failure'

/** The event being described: the fields with columns and the `extra` bag, both written in place. */
export interface AuthEventTarget {
  fields: EventFieldValues
  extra: ExtraFields
}

export function setAuthAction(
  target: AuthEventTarget,
  category: AuthCategory,
  action: AuthAction,
  outcome?: AuthOutcome
): void {
  target.fields['event.category'] = category
  target.fields['event.action'] = action
  if (outcome !== undefined) target.fields['event.outcome'] = outcome
}

/** Sets a user field unless the log left the name empty. */
export function setUser(
  target: AuthEventTarget,
  field: 'user.name' | 'user.target.name',
  name: string | undefined
): void {
  if (name !== undefined && name !== '') target.fields[field] = name
}

/** Sets source.ip (only for a valid IP; a host name goes to extra) and source.port when given. */
export function setSource(target: AuthEventTarget, address: string | undefined, port?: string): void {
  if (address !== undefined) recordSourceAddress(address, target.fields, target.extra)
  if (port !== undefined && port !== '') target.fields['source.port'] = Number(port)
}
