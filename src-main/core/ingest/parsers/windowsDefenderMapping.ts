// Microsoft Defender Antivirus (provider Microsoft-Windows-Windows Defender): detections, what was done
// about them, and protection being switched off. Its EventData names have spaces ('Threat Name').
//
// id                 category/type          action                         outcome
// 1006, 1015, 1116   malware/info           malware-detected
// 1007, 1117         malware/info           malware-action-taken           success
// 1008, 1118, 1119   malware/info           malware-action-failed          failure
// 5001               configuration/change   real-time-protection-disabled
// 5007               configuration/change   configuration-changed
// Detections: Threat Name → rule.name, Threat ID → rule.id, Category Name → rule.category, Path (its first
// `file:_` entry) → file.path, Detection User (DOMAIN\name) → user.*, Process Name → process.executable
// (unless 'Unknown'), Action Name → event.reason (unless 'Not Applicable').

import type { EventKinds, WindowsEventKind, WindowsMapping } from './windowsMappingContext'
import { setAccount, setExecutable, setFilePath } from './windowsMappingContext'

const detection = ({ value, fields }: WindowsMapping): void => {
  const threat = value('Threat Name')
  if (threat !== undefined) fields['rule.name'] = threat
  const threatId = value('Threat ID')
  if (threatId !== undefined) fields['rule.id'] = threatId
  const category = value('Category Name')
  if (category !== undefined) fields['rule.category'] = category
  const path = value('Path')
  const file = path === undefined ? undefined : firstFile(path)
  if (file !== undefined) setFilePath(fields, file)
  const user = value('Detection User')
  if (user !== undefined) setAccount(fields, user)
  const process = value('Process Name')
  if (process !== undefined && process !== 'Unknown') setExecutable(fields, process)
  const action = value('Action Name')
  if (action !== undefined && action !== 'Not Applicable') fields['event.reason'] = action
}

/** `file:_C:\x\a.exe;process:_pid:42` → 'C:\x\a.exe'; other resource kinds give no path. */
function firstFile(path: string): string | undefined {
  for (const resource of path.split(';')) {
    const match = /^(?:file|containerfile):_(.+)$/i.exec(resource.trim())
    if (match !== null) return match[1]
  }
  return undefined
}

const malware = (action: string, outcome?: 'success' | 'failure'): WindowsEventKind => ({
  category: 'malware',
  type: 'info',
  action,
  outcome,
  map: detection
})

export const DEFENDER_EVENTS: EventKinds = new Map([
  [1006, malware('malware-detected')],
  [1015, malware('malware-detected')],
  [1116, malware('malware-detected')],
  [1007, malware('malware-action-taken', 'success')],
  [1117, malware('malware-action-taken', 'success')],
  [1008, malware('malware-action-failed', 'failure')],
  [1118, malware('malware-action-failed', 'failure')],
  [1119, malware('malware-action-failed', 'failure')],
  [5001, { category: 'configuration', type: 'change', action: 'real-time-protection-disabled' }],
  [5007, { category: 'configuration', type: 'change', action: 'configuration-changed' }]
])
