// The web paths where a 401 or 403 means a failed credential check. Elsewhere those codes usually mean a
// forbidden resource or a scanner probing, so the failed-login burst rule counts only these paths.

interface LoginPathRule {
  pattern: RegExp
  /** What the pattern is for, so the list can be reviewed and extended with reasons. */
  covers: string
}

/** Matched against the lower-cased path without query, duplicate slashes or trailing slash. */
export const LOGIN_PATH_RULES: readonly LoginPathRule[] = [
  {
    pattern: /(?:^|\/)(?:log-?in|log-?on|sign-?in|sign_in|auth|authenticate)(?:\.[a-z0-9]+)?$/,
    covers: 'form and API logins ending in a login segment: /login, /user/login, /users/sign_in, /logon.aspx'
  },
  { pattern: /^\/wp-login\.php$/, covers: 'WordPress login form' },
  {
    pattern: /^\/xmlrpc\.php$/,
    covers: 'WordPress XML-RPC, whose system.multicall tries many passwords per request'
  },
  {
    pattern: /^\/admin(?:istrator)?(?:\/|$)/,
    covers: '/admin and Joomla /administrator areas, often behind HTTP auth'
  },
  {
    pattern: /^\/api\/(?:[^/]+\/)*(?:auth|authenticate|authentication|login|signin|token)(?:\/|$)/,
    covers: 'API authentication endpoints (/api/*/auth*); /api/v1/authors is deliberately not one'
  },
  { pattern: /^\/oauth2?\/token$/, covers: 'OAuth token endpoint (resource-owner password grant)' },
  { pattern: /\/j_security_check$/, covers: 'Java EE container form login' },
  { pattern: /^\/manager\/html(?:\/|$)/, covers: 'Apache Tomcat manager, behind HTTP Basic auth' }
]

/** The path as login rules see it, from url.path or, failing that, url.original. */
export function normaliseWebPath(path: string): string {
  const end = path.search(/[?#]/)
  const normalised = (end < 0 ? path : path.slice(0, end)).toLowerCase().replace(/\/{2,}/g, '/')
  return normalised.length > 1 && normalised.endsWith('/') ? normalised.slice(0, -1) : normalised
}

export function isLoginPath(normalisedPath: string): boolean {
  return LOGIN_PATH_RULES.some((rule) => rule.pattern.test(normalisedPath))
}
