// Who may talk to the browser-mode server: only a browser that presented the random access token (once,
// in the printed URL; it then holds a session id of its own in a strict same-site cookie, so the token
// never travels again), with a Host header naming this server (no DNS rebinding) and, for anything that
// changes state, an Origin of this server (no cross-site calls).

import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export class AccessControl {
  readonly token = randomBytes(32).toString('base64url')
  private allowedHosts: Set<string> = new Set()
  private readonly sessions = new Set<string>()

  constructor(private readonly extraHosts: readonly string[] = []) {}

  /** Called once the port is known. */
  bind(port: number): void {
    this.allowedHosts = new Set([
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      ...this.extraHosts.map((host) => `${host}:${port}`)
    ])
  }

  get cookieName(): string {
    return `cairn_session_${[...this.allowedHosts][0]?.split(':').pop() ?? '0'}`
  }

  hostAllowed(request: IncomingMessage): boolean {
    return this.allowedHosts.has(request.headers.host ?? '')
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin
    return origin !== undefined && origin === `http://${request.headers.host ?? ''}`
  }

  tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false
    const expected = Buffer.from(this.token)
    const given = Buffer.from(candidate)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  hasSession(request: IncomingMessage): boolean {
    const session = readCookie(request, this.cookieName)
    return session !== undefined && this.sessions.has(session)
  }

  /** A new session for a browser that just presented the token, as the Set-Cookie header value. */
  openSession(): string {
    const session = randomBytes(32).toString('base64url')
    this.sessions.add(session)
    return `${this.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`
  }
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}
