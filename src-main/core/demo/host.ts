// The Linux web server the scenario happens on: its name and its accounts with their UIDs, so that every
// log line about a user (pam_unix's `uid=`, useradd's new UID) agrees with every other one, including the
// account the intruder creates.

export const DEFAULT_HOST_NAME = 'web01'

/** `admin` is the shared legacy account with password login still enabled: the way in. */
const INITIAL_ACCOUNTS: readonly (readonly [string, number])[] = [
  ['root', 0],
  ['www-data', 33],
  ['alice', 1000],
  ['bob', 1001],
  ['admin', 1002]
]

/** useradd's UID_MIN: regular users get UIDs from here up. */
const FIRST_REGULAR_UID = 1000

export class HostAccounts {
  private readonly uids = new Map<string, number>(INITIAL_ACCOUNTS)

  uidOf(user: string): number {
    const uid = this.uids.get(user)
    if (uid === undefined) throw new Error(`no account ${user} on the scenario host`)
    return uid
  }

  /** Like useradd: the next UID after the highest regular one in use (the new group gets the same id). */
  add(user: string): number {
    const uid = Math.max(FIRST_REGULAR_UID - 1, ...this.uids.values()) + 1
    this.uids.set(user, uid)
    return uid
  }
}
