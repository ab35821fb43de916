// Browser mode: the same core and the same contract over HTTP and WebSocket, serving the built renderer on
// 127.0.0.1 at a random port. It is how Cairn runs where Electron cannot, and how the UI is tested in real
// Chromium. Routes are those of common/bridge.ts; every request passes AccessControl first.

import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'
import { WebSocketServer } from 'ws'
import { API_ROUTES } from '../common/bridge'
import { CairnError } from '../common/errors'
import type { Envelope } from '../common/errors'
import type { CairnApp } from '../core/app/cairnApp'
import { dispatch } from '../core/app/dispatch'
import type { Handlers } from '../core/app/handlers'
import { AccessControl } from './accessControl'
import { safeDecode } from './safeDecode'
import { securityHeaders, serveStatic } from './staticFiles'

export interface BrowserServerOptions {
  app: CairnApp
  handlers: Handlers
  rendererDir: string
  port?: number
  /** Bind beyond loopback: only with the explicit --listen-all flag. */
  host?: string
}

export interface BrowserServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_CALL_BODY = 8 * 1024 * 1024

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1'
  const access = new AccessControl(host === '127.0.0.1' ? [] : reachableHostNames())
  const sockets = new WebSocketServer({ noServer: true })

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      console.error('cairn: browser-mode request failed', error)
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, code: 'INTERNAL', message: 'internal error' })
      else response.destroy()
    })
  })

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://placeholder')
    if (!access.hostAllowed(request))
      return sendText(response, 421, 'Cairn refuses requests for another host name.')
    if (request.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!access.tokenMatches(url.searchParams.get('token'))) return sendText(response, 401, tokenHelp)
      response.writeHead(303, { Location: '/', 'Set-Cookie': access.openSession(), ...securityHeaders() })
      return void response.end()
    }
    if (!access.hasSession(request)) return sendText(response, 401, tokenHelp)

    if (url.pathname.startsWith(API_ROUTES.call)) {
      if (request.method !== 'POST') return sendText(response, 405, 'Calls are POST requests.')
      if (!access.originAllowed(request))
        return sendJson(response, 403, forbidden('cross-origin call refused'))
      const name = safeDecode(url.pathname.slice(API_ROUTES.call.length))
      let payload: unknown
      try {
        payload = JSON.parse((await readBody(request, MAX_CALL_BODY)).toString('utf8') || '{}')
      } catch (error) {
        const message = error instanceof CairnError ? error.message : 'the request body is not JSON'
        return sendJson(response, 400, { ok: false, code: 'BAD_REQUEST', message })
      }
      return sendJson(response, 200, await dispatch(options.handlers, name, payload))
    }
    if (url.pathname === API_ROUTES.upload) {
      if (request.method !== 'POST') return sendText(response, 405, 'Uploads are POST requests.')
      if (!access.originAllowed(request))
        return sendJson(response, 403, forbidden('cross-origin upload refused'))
      const name = url.searchParams.get('name') ?? ''
      const lastModified = Number(url.searchParams.get('lastModified'))
      try {
        const receipt = await options.app.receiveUpload(
          name,
          Number.isFinite(lastModified) && lastModified > 0 ? lastModified : undefined,
          request
        )
        return sendJson(response, 200, { ok: true, data: receipt })
      } catch (error) {
        return sendJson(response, 200, asEnvelope(error))
      }
    }
    if (url.pathname.startsWith(API_ROUTES.reports) && request.method === 'GET') {
      let path: string
      try {
        path = options.app.reportFile(safeDecode(url.pathname.slice(API_ROUTES.reports.length)))
        statSync(path)
      } catch {
        return sendText(response, 404, 'No such report in the open case.')
      }
      response.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${path.split(/[\\/]/).pop()}"`
      })
      return void createReadStream(path).pipe(response)
    }
    if (url.pathname.startsWith('/api/'))
      return sendJson(response, 404, { ok: false, code: 'NOT_FOUND', message: 'no such route' })
    if (request.method !== 'GET') return sendText(response, 405, 'Method not allowed.')
    serveStatic(options.rendererDir, url.pathname, response)
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://placeholder')
    const allowed =
      url.pathname === API_ROUTES.push &&
      access.hostAllowed(request) &&
      access.originAllowed(request) &&
      access.hasSession(request)
    if (!allowed) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = options.app.onPush((event) => ws.send(JSON.stringify(event)))
      ws.on('close', unsubscribe)
      ws.on('message', () => ws.close(1008, 'the push channel is one-way'))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  access.bind(port)
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return {
    url: `http://${shownHost}:${port}/?token=${access.token}`,
    port,
    token: access.token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** With --listen-all, the names a browser on the network may use for this machine: its addresses and name. */
function reachableHostNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined)
    .map((entry) => (entry.family === 'IPv6' ? `[${entry.address.split('%')[0]}]` : entry.address))
  return [...new Set([...addresses, hostname(), hostname().toLowerCase()])]
}

const tokenHelp =
  'Cairn needs its access token: open the full URL (with ?token=…) printed when Cairn started.'

function forbidden(message: string): Envelope<never> {
  return { ok: false, code: 'FORBIDDEN', message }
}

function asEnvelope(error: unknown): Envelope<never> {
  if (error instanceof CairnError) return { ok: false, code: error.code, message: error.message }
  return { ok: false, code: 'INTERNAL', message: (error as Error)?.message ?? String(error) }
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new CairnError('BAD_REQUEST', `request body is larger than ${limit / 1048576} MiB`))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function sendJson(response: ServerResponse, status: number, body: Envelope<unknown>): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...securityHeaders() })
  response.end(JSON.stringify(body))
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() })
  response.end(text)
}
