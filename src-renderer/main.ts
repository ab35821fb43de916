// Boots the renderer: installs the API client for this window (desktop bridge or browser transport) with
// errors routed to the notification store, connects pushed events to the stores, then mounts the app.

import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createApiClient, installApi, transportForThisWindow } from './api'
import { useCasesStore } from './stores/cases'
import { useJobsStore } from './stores/jobs'
import { useNotesStore } from './stores/notes'
import { useNotificationsStore } from './stores/notifications'
import { connectStoresToBackend } from './stores/sync'
import './styles/theme.css'

const app = createApp(App)
app.use(createPinia())

const notifications = useNotificationsStore()
const api = createApiClient(transportForThisWindow(), (error) =>
  notifications.error(error.message, error.code)
)
installApi(api)
connectStoresToBackend(api)

// A note typed just before the window goes away should still reach the case, even as the page unloads.
window.addEventListener('pagehide', () => void useNotesStore().flushAll({ keepalive: true }))

app.mount('#app')
// Jobs found running belong to the case the backend has open, so look for them once that is known.
const cases = useCasesStore()
void cases.start().then(() => useJobsStore().syncActive(cases.current?.id ?? null))
