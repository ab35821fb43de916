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

// A note typed just before the window goes away should still reach the case.
window.addEventListener('pagehide', () => void useNotesStore().flushAll())

app.mount('#app')
void useCasesStore().start()
void useJobsStore().syncActive()
