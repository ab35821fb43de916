// The names of every call and pushed event, with no dependencies, so the sandboxed preload can check
// channels without bundling the schemas. contract.ts is typed so it cannot drift from these lists.

export const CALL_NAMES = [
  'app.info',
  'case.listRecent',
  'case.create',
  'case.open',
  'case.openDemo',
  'case.current',
  'case.update',
  'evidence.list',
  'evidence.rejected',
  'evidence.remove',
  'ingest.preview',
  'ingest.start',
  'ingest.resume',
  'jobs.cancel',
  'jobs.active',
  'detect.run',
  'detect.runs',
  'alerts.list',
  'alerts.get',
  'alerts.events',
  'alerts.setStatus',
  'events.query',
  'events.get',
  'events.histogram',
  'events.topValues',
  'notes.list',
  'notes.create',
  'notes.update',
  'notes.delete',
  'iocs.list',
  'iocs.import',
  'rules.list',
  'rules.get',
  'rules.addFolder',
  'rules.removeFolder',
  'rules.setEnabled',
  'rules.setLevel',
  'rules.setExclusions',
  'rules.setSelection',
  'overview.get',
  'windows.sourceBreakdown',
  'windows.logonSummary',
  'report.export'
] as const

export type CallName = (typeof CALL_NAMES)[number]

export const PUSH_EVENT_NAMES = ['job.progress', 'job.done', 'case.changed'] as const
export type PushEventName = (typeof PUSH_EVENT_NAMES)[number]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name)
}

/** The IPC channel names; nothing else in the app spells a channel. */
export const IPC_INVOKE_CHANNEL = 'cairn:call'
export const IPC_PUSH_CHANNEL = 'cairn:push'
