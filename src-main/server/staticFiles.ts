// Serves the built renderer (out/renderer) to the browser, with the same CSP the desktop window enforces.

import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../common/security'
import { isInside } from '../core/app/paths'
import { safeDecode } from './safeDecode'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store'
  }
}

export function serveStatic(rendererDir: string, urlPath: string, response: ServerResponse): void {
  const relative = urlPath === '/' ? 'index.html' : safeDecode(urlPath).replace(/^\/+/, '')
  const path = join(rendererDir, relative)
  if (!isInside(rendererDir, path) || !existsSync(path) || !statSync(path).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() })
    response.end('Not found')
    return
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    ...securityHeaders()
  })
  createReadStream(path).pipe(response)
}
