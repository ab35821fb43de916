// The Sigma rule behind an alert, fetched when a Sigma alert is opened so its YAML and the fields it reads
// can be shown beside the events. The rule may be gone (its folder removed since detection ran): that is
// a state to show, not a failure of the alert, which stays fully usable without it.

import { ref, watch } from 'vue'
import type { Ref } from 'vue'
import type { Alert } from '../../../src-main/common/domain'
import type { RuleDetail } from '../../../src-main/common/rules'
import { ApiError, useApi } from '../../api'

/** The engine id Sigma alerts carry; their `rule.id` is the Sigma rule's id. */
export const SIGMA_ENGINE = 'sigma'

export type AlertRuleState =
  | { kind: 'none' }
  | { kind: 'loading'; ruleId: string }
  | { kind: 'ready'; rule: RuleDetail }
  | { kind: 'missing'; ruleId: string; message: string }

export function isSigmaAlert(alert: Pick<Alert, 'engine'> | null | undefined): boolean {
  return alert?.engine === SIGMA_ENGINE
}

export function useAlertRule(alert: () => Pick<Alert, 'engine' | 'rule'> | null): Ref<AlertRuleState> {
  const state = ref<AlertRuleState>({ kind: 'none' })
  const wanted = (): string | null => {
    const current = alert()
    return current && isSigmaAlert(current) ? current.rule.id : null
  }

  watch(
    wanted,
    async (ruleId) => {
      if (ruleId === null) {
        state.value = { kind: 'none' }
        return
      }
      state.value = { kind: 'loading', ruleId }
      try {
        const rule = await useApi().call('rules.get', { ruleId })
        if (wanted() === ruleId) state.value = { kind: 'ready', rule }
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        if (wanted() !== ruleId) return
        const message =
          error.code === 'NOT_FOUND'
            ? 'This rule is no longer loaded (its folder may have been removed since detection ran), so its YAML and the fields it reads cannot be shown.'
            : `The rule could not be loaded: ${error.message}`
        state.value = { kind: 'missing', ruleId, message }
      }
    },
    { immediate: true }
  )

  return state
}
