// How alert statuses and close reasons read on screen.

import type { AlertStatus, CloseReason } from '../../../src-main/common/domain'

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  closed: 'Closed'
}

export const CLOSE_REASON_LABELS: Record<CloseReason, { title: string; hint: string }> = {
  true_positive: { title: 'True positive', hint: 'Real malicious activity; handled in this case.' },
  false_positive: { title: 'False positive', hint: 'The detection misfired; nothing malicious happened.' },
  benign: { title: 'Benign', hint: 'Real activity, but expected or authorised.' },
  duplicate: { title: 'Duplicate', hint: 'Already covered by another alert.' }
}
