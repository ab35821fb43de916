// The threat-intel list shipped with the demo case, in the plain text form responders trade: one
// indicator per line, `#` comments, an optional `,comment` (user agents: a `ua:` prefix and a tab). Like a real feed it mixes indicator types and
// holds more than the logs will ever show; which ones do appear is recorded in the ground truth.

import type { IocType } from '../detect/ioc/iocTypes'
import { ATTACK_SOURCES, IOC_RANGE, UNSIGHTED_IOC_ADDRESS } from './addresses'
import type { SeededRandom } from './random'
import { MALICIOUS_USER_AGENT } from './userAgents'

export const IOC_DOMAIN = 'evil-updates.example'
/** The campaign's staging host: a subdomain of the listed domain, never listed itself. */
export const STAGING_HOST = `files.${IOC_DOMAIN}`
export const LISTED_PAYLOAD_URL = `http://${STAGING_HOST}/shell.txt`
/** Fetched by the SSH intruder; not listed, so only the domain indicator can catch it. */
export const SECOND_STAGE_URL = `http://${STAGING_HOST}/k.sh`

export interface ListedIndicator {
  type: IocType
  value: string
  comment: string | null
}

interface IndicatorGroup {
  heading: string
  indicators: ListedIndicator[]
}

/** Grouped as an analyst would keep them; hashes differ per seed, everything the logs can show does not. */
function indicatorGroups(random: SeededRandom): IndicatorGroup[] {
  return [
    {
      heading: 'Web shell campaign "Lantern" (active)',
      indicators: [
        { type: 'ip', value: ATTACK_SOURCES.iocListed, comment: 'scanner and web shell dropper' },
        { type: 'cidr', value: IOC_RANGE.cidr, comment: 'hosting range used for staging' },
        { type: 'ip', value: ATTACK_SOURCES.iocListedIpv6, comment: null },
        { type: 'domain', value: IOC_DOMAIN, comment: 'payload staging domain' },
        { type: 'url', value: LISTED_PAYLOAD_URL, comment: 'PHP web shell' },
        { type: 'user_agent', value: MALICIOUS_USER_AGENT, comment: 'loader user agent' }
      ]
    },
    {
      heading: 'Files dropped by the campaign',
      indicators: [
        { type: 'sha256', value: random.hex(32), comment: 'shell.txt' },
        { type: 'md5', value: random.hex(16), comment: 'k.sh' },
        { type: 'sha256', value: random.hex(32), comment: 'kworkerd cryptominer' }
      ]
    },
    {
      heading: 'Older infrastructure, not seen since 2025',
      indicators: [
        { type: 'ip', value: UNSIGHTED_IOC_ADDRESS, comment: 'former C2' },
        { type: 'domain', value: 'c2.nightfall-panel.example', comment: null }
      ]
    }
  ]
}

function indicatorLine({ type, value, comment }: ListedIndicator): string {
  if (type === 'user_agent') return comment === null ? `ua:${value}` : `ua:${value}\t${comment}`
  return comment === null ? value : `${value},${comment}`
}

export function listedIndicators(random: SeededRandom): { indicators: ListedIndicator[]; text: string } {
  const groups = indicatorGroups(random)
  const lines = [
    '# Cairn demo case: indicators shared by a partner CERT (fictional, for training)',
    '# Format: one indicator per line, optionally followed by ,comment',
    '# User agents contain commas and spaces: they start with ua: and take a tab before their comment',
    ''
  ]
  for (const group of groups) {
    lines.push(`# ${group.heading}`)
    for (const indicator of group.indicators) lines.push(indicatorLine(indicator))
    lines.push('')
  }
  return { indicators: groups.flatMap((group) => group.indicators), text: lines.join('\n') }
}
