// What the window shows and how: the current screen, the theme and the zone times are displayed in.
// A typed view switch stands in for a router; the app has one case open and a handful of screens.

import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export const CASE_VIEWS = ['overview', 'ingest', 'events', 'alerts', 'rules', 'notes', 'report'] as const
export type CaseView = (typeof CASE_VIEWS)[number]
export type Theme = 'dark' | 'light'

const THEME_KEY = 'cairn.theme'
const AUTO_DETECT_KEY = 'cairn.detectAfterImport'

function storedTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY)
  if (saved === 'dark' || saved === 'light') return saved
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark'
}

export const useUiStore = defineStore('ui', () => {
  const view = ref<CaseView>('overview')
  const theme = ref<Theme>(storedTheme())
  /** The IANA zone every time is shown in: the open case's choice, UTC until a case is open. */
  const displayTimeZone = ref('UTC')
  /** Whether detection runs by itself once an import finishes. */
  const detectAfterImport = ref(localStorage.getItem(AUTO_DETECT_KEY) !== 'false')

  watch(theme, (value) => localStorage.setItem(THEME_KEY, value))
  watch(detectAfterImport, (value) => localStorage.setItem(AUTO_DETECT_KEY, String(value)))

  return {
    view,
    theme,
    displayTimeZone,
    detectAfterImport,
    navigate: (next: CaseView) => (view.value = next),
    toggleTheme: () => (theme.value = theme.value === 'dark' ? 'light' : 'dark')
  }
})
