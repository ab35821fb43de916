import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { createHandlers } from '../../../src-main/core/app/handlers'
import { startBrowserServer } from '../../../src-main/server/browserServer'
import type { BrowserServer } from '../../../src-main/server/browserServer'
import { tempDir } from '../helpers/tempDir'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  server: BrowserServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString()
          })
        )
      }
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

describe('browser-mode server', () => {
  let app: CairnApp
  let server: BrowserServer
  let cookie: string
  let origin: string

  beforeAll(async () => {
    const rendererDir = tempDir()
    mkdirSync(join(rendererDir, 'assets'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Cairn</title>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    app = new CairnApp({ home: new CairnHome(tempDir()) })
    server = await startBrowserServer({
      app,
      handlers: createHandlers(app, { mode: 'browser', version: 'test' }),
      rendererDir
    })
    origin = `http://127.0.0.1:${server.port}`
    const login = await send(server, 'GET', `/?token=${server.token}`)
    cookie = String(login.headers['set-cookie']).split(';')[0]
  })

  afterAll(async () => {
    await server.close()
    app.closeCase()
  })

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`)
    )
  })

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await send(server, 'GET', '/')).status).toBe(401)
    expect((await send(server, 'GET', '/assets/app.js')).status).toBe(401)
    expect((await send(server, 'GET', '/?token=guess')).status).toBe(401)
    expect((await send(server, 'POST', '/api/call/app.info', { Origin: origin }, '{}')).status).toBe(401)
  })

  it('turns the token into a strict session cookie, then serves the app with its CSP', async () => {
    const login = await send(server, 'GET', `/?token=${server.token}`)
    expect(login.status).toBe(303)
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    const page = await send(server, 'GET', '/', { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    // Encoded, so the URL parser does not normalise the dots away before the server's own check sees them.
    expect((await send(server, 'GET', '/..%2f..%2f..%2fetc%2fpasswd', { Cookie: cookie })).status).toBe(404)
    expect((await send(server, 'GET', '/assets/..%2f..%2f..%2fcase.db', { Cookie: cookie })).status).toBe(404)
    expect((await send(server, 'GET', '/%E0%A4%A', { Cookie: cookie })).status).toBe(404)
  })

  it('keeps the token out of the cookie: the session is an id of its own', async () => {
    expect(cookie.split('=')[1]).not.toBe(server.token)
    expect(
      (await send(server, 'GET', '/', { Cookie: `${cookie.split('=')[0]}=${server.token}` })).status
    ).toBe(401)
  })

  it('answers a malformed percent-escape in a call name or report name without a server error', async () => {
    expect(
      (await send(server, 'POST', '/api/call/%E0%A4%A', { Cookie: cookie, Origin: origin }, '{}')).status
    ).toBe(200)
    expect((await send(server, 'GET', '/api/reports/%E0%A4%A.pdf', { Cookie: cookie })).status).toBe(404)
  })

  it('refuses server-side paths in browser mode: only uploads are read', async () => {
    const created = JSON.parse(
      (
        await send(
          server,
          'POST',
          '/api/call/case.create',
          { Cookie: cookie, Origin: origin },
          JSON.stringify({ title: 'Paths' })
        )
      ).body
    )
    const caseId = created.data.id
    const reply = await send(
      server,
      'POST',
      '/api/call/ingest.start',
      { Cookie: cookie, Origin: origin },
      JSON.stringify({ caseId, sources: [{ path: '/etc/passwd' }] })
    )
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const iocs = await send(
      server,
      'POST',
      '/api/call/iocs.import',
      { Cookie: cookie, Origin: origin },
      JSON.stringify({ caseId, source: { path: '/etc/hosts' } })
    )
    expect(JSON.parse(iocs.body)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('checks Host (DNS rebinding) and Origin (cross-site calls)', async () => {
    expect(
      (await send(server, 'GET', '/', { Cookie: cookie, Host: `evil.example:${server.port}` })).status
    ).toBe(421)
    expect((await send(server, 'POST', '/api/call/app.info', { Cookie: cookie }, '{}')).status).toBe(403)
    expect(
      (
        await send(
          server,
          'POST',
          '/api/call/app.info',
          { Cookie: cookie, Origin: 'http://evil.example' },
          '{}'
        )
      ).status
    ).toBe(403)
    const ok = await send(server, 'POST', '/api/call/app.info', { Cookie: cookie, Origin: origin }, '{}')
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, data: { mode: 'browser' } })
  })

  it('answers bad JSON and unknown calls with coded envelopes', async () => {
    const bad = await send(
      server,
      'POST',
      '/api/call/case.create',
      { Cookie: cookie, Origin: origin },
      '{not json'
    )
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const unknown = await send(
      server,
      'POST',
      '/api/call/shell.exec',
      { Cookie: cookie, Origin: origin },
      '{}'
    )
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, code: 'UNKNOWN_CALL' })
  })

  it('pushes job and case events over the WebSocket only to an authenticated same-origin client', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/api/push`, { headers: { Origin: origin } })
    await new Promise((resolve) => refused.on('error', resolve))
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/push`, {
      headers: { Origin: origin, Cookie: cookie }
    })
    await new Promise((resolve) => socket.on('open', resolve))
    const received = new Promise<string>((resolve) => socket.on('message', (data) => resolve(String(data))))
    await send(
      server,
      'POST',
      '/api/call/case.create',
      { Cookie: cookie, Origin: origin },
      JSON.stringify({ title: 'Pushed' })
    )
    expect(JSON.parse(await received)).toMatchObject({ name: 'case.changed', payload: { what: 'case' } })
    socket.close()
  })

  it('accepts an upload into the open case under a sanitised name', async () => {
    const reply = await send(
      server,
      'POST',
      `/api/upload?name=${encodeURIComponent('../../evil/access.log')}&lastModified=${Date.UTC(2026, 2, 1)}`,
      { Cookie: cookie, Origin: origin },
      Buffer.from('127.0.0.1 - - [01/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1\n')
    )
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { name: 'access.log', bytes: 66 } })
  })
})
