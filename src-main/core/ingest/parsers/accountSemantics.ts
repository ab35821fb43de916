// Account and group changes logged by shadow-utils (useradd, usermod, userdel, groupadd, groupdel, passwd).
// These are the IAM events behind "a new admin appeared" detections, so the account acted on is always
// user.name and the group, when there is one, is extra['group.name'].

import { setAuthAction, setUser, type AuthAction, type AuthEventTarget } from './authFields'

interface AccountPattern {
  pattern: RegExp
  action: AuthAction
  outcome: 'success' | 'failure'
  /** Reads user and group names from the match into the event. */
  read: (match: RegExpExecArray, target: AuthEventTarget) => void
}

const userFromFirst = (match: RegExpExecArray, target: AuthEventTarget): void =>
  setUser(target, 'user.name', match[1])

const userAndGroup = (match: RegExpExecArray, target: AuthEventTarget): void => {
  setUser(target, 'user.name', match[1])
  target.extra['group.name'] = match[2]
}

const groupFromFirst = (match: RegExpExecArray, target: AuthEventTarget): void => {
  target.extra['group.name'] = match[1]
}

const ACCOUNT_PATTERNS: readonly AccountPattern[] = [
  {
    pattern: /^new user: name=([^,]*), UID=(\d+)/,
    action: 'user_created',
    outcome: 'success',
    read: (match, target) => {
      setUser(target, 'user.name', match[1])
      target.extra['user.id'] = match[2]
    }
  },
  {
    pattern: /^failed adding user '([^']*)'/,
    action: 'user_created',
    outcome: 'failure',
    read: userFromFirst
  },
  {
    pattern: /^new group: name=([^,]*), GID=(\d+)/,
    action: 'group_created',
    outcome: 'success',
    read: (match, target) => {
      target.extra['group.name'] = match[1]
      target.extra['group.id'] = match[2]
    }
  },
  {
    pattern: /^add '([^']*)' to group '([^']*)'$/,
    action: 'user_added_to_group',
    outcome: 'success',
    read: userAndGroup
  },
  {
    pattern: /^delete '([^']*)' from group '([^']*)'$/,
    action: 'user_removed_from_group',
    outcome: 'success',
    read: userAndGroup
  },
  {
    pattern: /^change user name '([^']*)' to '([^']*)'$/,
    action: 'user_modified',
    outcome: 'success',
    read: (match, target) => {
      setUser(target, 'user.name', match[1])
      target.extra['user.changes.name'] = match[2]
    }
  },
  { pattern: /^change user '([^']*)' /, action: 'user_modified', outcome: 'success', read: userFromFirst },
  {
    pattern: /^lock user '([^']*)' password$/,
    action: 'user_locked',
    outcome: 'success',
    read: userFromFirst
  },
  {
    pattern: /^unlock user '([^']*)' password$/,
    action: 'user_unlocked',
    outcome: 'success',
    read: userFromFirst
  },
  { pattern: /^delete user '([^']*)'$/, action: 'user_deleted', outcome: 'success', read: userFromFirst },
  {
    pattern: /^removed group '([^']*)' owned by '([^']*)'$/,
    action: 'group_deleted',
    outcome: 'success',
    read: groupFromFirst
  },
  { pattern: /^group '([^']*)' removed$/, action: 'group_deleted', outcome: 'success', read: groupFromFirst },
  {
    pattern: /^password for '([^']*)' changed by '([^']*)'$/,
    action: 'password_changed',
    outcome: 'success',
    read: userFromFirst
  }
]

/** Describes a shadow-utils account message; messages that are not a known change are left alone. */
export function describeAccountMessage(message: string, target: AuthEventTarget): void {
  for (const { pattern, action, outcome, read } of ACCOUNT_PATTERNS) {
    const match = pattern.exec(message)
    if (match === null) continue
    setAuthAction(target, 'iam', action, outcome)
    read(match, target)
    return
  }
}
