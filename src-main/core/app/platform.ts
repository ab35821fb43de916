// Facts about the machine the core needs: who the analyst is (chain of custody) and how many cores.

import { availableParallelism, userInfo } from 'node:os'

export const machine = {
  userName(): string {
    try {
      return userInfo().username
    } catch {
      return process.env.USER ?? 'unknown'
    }
  },
  cores(): number {
    return availableParallelism()
  }
}
