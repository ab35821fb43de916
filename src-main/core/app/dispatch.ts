// The single gate every call passes, whatever the transport: the channel must be a contract call, the
// payload must parse with that call's schema (unknown keys refused), and any failure becomes a coded
// envelope. Internal errors are logged with their stack and answered with a message, never a stack.

import { isCallName } from '../../common/channels'
import type { CallName } from '../../common/channels'
import { contract } from '../../common/contract'
import type { CallResponse } from '../../common/contract'
import { CairnError } from '../../common/errors'
import type { Envelope } from '../../common/errors'
import type { Handlers } from './handlers'

export async function dispatch(
  handlers: Handlers,
  name: unknown,
  payload: unknown
): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, code: 'UNKNOWN_CALL', message: `'${String(name).slice(0, 80)}' is not a Cairn call` }
  }
  const parsed = contract[name].request.safeParse(payload ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'request'
    return { ok: false, code: 'BAD_REQUEST', message: `${name}: ${where} ${issue?.message ?? 'is invalid'}` }
  }
  try {
    const handler = handlers[name] as (
      request: unknown
    ) => Promise<CallResponse<CallName>> | CallResponse<CallName>
    return { ok: true, data: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof CairnError) return { ok: false, code: error.code, message: error.message }
    console.error(`cairn: ${name} failed`, error)
    return {
      ok: false,
      code: 'INTERNAL',
      message: `${name} failed: ${(error as Error)?.message ?? String(error)}`
    }
  }
}
