// Most callers have nothing to add when a call fails: the client has already reported the error to the
// analyst. `settled` turns such a failure into `undefined` so callers branch instead of nesting try/catch,
// while programming errors (anything that is not an ApiError) still throw.

import { ApiError } from './client'

export async function settled<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending
  } catch (error) {
    if (error instanceof ApiError) return undefined
    throw error
  }
}
