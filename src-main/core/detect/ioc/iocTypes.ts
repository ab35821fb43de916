// Indicator types the IOC engine matches, and one indicator as loaded from a list file.

export const IOC_TYPES = ['ip', 'cidr', 'domain', 'url', 'md5', 'sha1', 'sha256', 'user_agent'] as const
export type IocType = (typeof IOC_TYPES)[number]

export interface IocEntry {
  type: IocType
  /** Normalised value (lower-cased where the type is case-insensitive, CIDR in canonical form). */
  value: string
  /** The list it came from (name shown in alerts). */
  list: string
  comment?: string
}
