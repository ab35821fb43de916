// One call to give a test a fresh Pinia and an API client over a fake transport, wired to the real
// notification store exactly as main.ts wires the real one.

import { createPinia, setActivePinia } from 'pinia'
import type { Pinia } from 'pinia'
import { createApiClient, installApi } from '../../../src-renderer/api'
import type { ApiClient } from '../../../src-renderer/api'
import type { CaseSummary } from '../../../src-main/common/domain'
import { useCasesStore } from '../../../src-renderer/stores/cases'
import { useNotificationsStore } from '../../../src-renderer/stores/notifications'
import { FakeTransport } from './fakeTransport'

export interface TestBackend {
  pinia: Pinia
  transport: FakeTransport
  api: ApiClient
}

export function setupBackend(transport = new FakeTransport()): TestBackend {
  const pinia = createPinia()
  setActivePinia(pinia)
  const notifications = useNotificationsStore()
  const api = createApiClient(transport, (error) => notifications.error(error.message, error.code))
  installApi(api)
  return { pinia, transport, api }
}

/** Makes a case current without going through case.open, as if the analyst had just opened it. */
export function openCase(summary: CaseSummary): void {
  useCasesStore().current = summary
}
