// The one place errors and confirmations surface. The API client routes every failed call here, so a
// store never has to remember to report one; repeats of a visible message are counted, not stacked.

import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ErrorCode } from '../../src-main/common/errors'

export type NoticeKind = 'error' | 'success' | 'info'

export interface Notice {
  id: number
  kind: NoticeKind
  message: string
  code: ErrorCode | null
  /** How many times this message arrived while it was showing. */
  repeats: number
}

const AUTO_DISMISS_MS = 5_000
const MAX_VISIBLE = 5

export const useNotificationsStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function notify(kind: NoticeKind, message: string, code: ErrorCode | null = null): void {
    const same = notices.value.find((notice) => notice.kind === kind && notice.message === message)
    if (same) {
      same.repeats += 1
      return
    }
    const notice: Notice = { id: nextId++, kind, message, code, repeats: 1 }
    notices.value = [...notices.value, notice].slice(-MAX_VISIBLE)
    // Errors stay until dismissed: a responder may be looking elsewhere when one arrives.
    if (kind !== 'error') setTimeout(() => dismiss(notice.id), AUTO_DISMISS_MS)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id)
  }

  return {
    notices,
    error: (message: string, code: ErrorCode | null = null) => notify('error', message, code),
    success: (message: string) => notify('success', message),
    info: (message: string) => notify('info', message),
    dismiss
  }
})
