// Entry names as stored in zips and tars are attacker-controlled: an absolute path, a drive letter, a '..'
// component or a NUL byte is how an archive escapes the folder it is unpacked into. Such a name is refused
// and reported, never used; a safe name is normalised to '/'-separated components. Also: which entries are
// operating-system clutter rather than log data.

import { quoteName } from './containerErrors'

export type EntryNameCheck = { ok: true; name: string } | { ok: false; reason: string }

const DRIVE_LETTER = /^[A-Za-z]:/

/** Backslashes count as separators: Windows tools write them into zips against the specification. */
export function checkEntryName(stored: string): EntryNameCheck {
  const quoted = quoteName(stored)
  if (stored.includes('\0')) return refuse(`${quoted} contains a NUL byte`)
  if (stored.startsWith('/') || stored.startsWith('\\'))
    return refuse(`${quoted} is an absolute path; entry names must be relative to the container`)
  if (DRIVE_LETTER.test(stored))
    return refuse(`${quoted} starts with a drive letter; entry names must be relative to the container`)
  const components = stored.split(/[/\\]/).filter((component) => component !== '' && component !== '.')
  if (components.includes('..'))
    return refuse(`${quoted} has a '..' component that climbs out of the container`)
  if (components.length === 0) return refuse(`${quoted} names no file`)
  return { ok: true, name: components.join('/') }
}

function refuse(reason: string): EntryNameCheck {
  return { ok: false, reason: `${reason}; the entry was not read` }
}

/** True for names that end in a separator: folders, which hold no data of their own. */
export function isFolderName(stored: string): boolean {
  return stored.endsWith('/') || stored.endsWith('\\')
}

const CLUTTER: ReadonlyMap<string, string> = new Map([
  ['.DS_Store', 'macOS Finder metadata'],
  ['Thumbs.db', 'a Windows thumbnail cache'],
  ['desktop.ini', 'Windows folder settings']
])

/** Why a (checked, '/'-separated) name is not log data, or null when it may be. */
export function notLogDataReason(name: string): string | null {
  const components = name.split('/')
  if (components.includes('__MACOSX'))
    return `${quoteName(name)} is macOS resource-fork metadata (__MACOSX/) added by the Finder, not log data`
  const what = CLUTTER.get(components[components.length - 1])
  return what ? `${quoteName(name)} is ${what}, not log data` : null
}
