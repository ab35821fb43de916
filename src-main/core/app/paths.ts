// Path checks for anything named from outside: compared by components, never by string prefix, so that
// /cases/1 never admits /cases/1-evil, and names from the network never climb out of their folder.

import { isAbsolute, relative, resolve, sep } from 'node:path'
import { CairnError } from '../../common/errors'

/** True when child is parent itself or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child))
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel))
}

/** A file name safe to create inside a folder of ours: no separators, no dot names, no control characters. */
export function safeFileName(name: string): string {
  const printable = [...name]
    .filter((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join('')
  const cleaned = printable.split(/[\\/]/).pop()!.trim()
  if (!cleaned || cleaned === '.' || cleaned === '..') {
    throw new CairnError('BAD_REQUEST', `'${name}' is not a usable file name`)
  }
  return cleaned.slice(0, 200)
}

/** An evidence path given by the desktop app or the CLI: absolute, no NUL. */
export function checkEvidencePath(path: string): string {
  if (path.includes('\u0000')) throw new CairnError('BAD_REQUEST', 'path contains a NUL character')
  if (!isAbsolute(path)) throw new CairnError('BAD_REQUEST', `'${path}' is not an absolute path`)
  return resolve(path)
}
