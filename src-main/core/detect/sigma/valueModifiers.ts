// Reads the modifier chain of a Sigma field key (`CommandLine|contains|all`) into what the matcher needs,
// refusing names that are not Sigma 2.1 modifiers and combinations the specification rules out, each with
// a message that names the modifier.

import { SigmaRuleError } from './sigmaRuleError'

export type Position = 'exact' | 'contains' | 'startswith' | 'endswith'
export type NumericOperator = 'lt' | 'lte' | 'gt' | 'gte'
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'
/** Modifiers that rewrite the value, applied in the order the key lists them. */
export type ValueStep = 'expand' | 'windash' | 'base64' | 'base64offset' | 'utf16le' | 'utf16be' | 'utf16'

export interface ModifierChain {
  position: Position
  all: boolean
  cased: boolean
  neq: boolean
  exists: boolean
  fieldref: boolean
  cidr: boolean
  regex: { flags: string } | null
  numeric: NumericOperator | null
  timePart: TimePart | null
  steps: ValueStep[]
}

const POSITIONS = new Set(['contains', 'startswith', 'endswith'])
const NUMERIC = new Set(['lt', 'lte', 'gt', 'gte'])
const TIME_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year'])
const STEPS = new Set(['expand', 'windash', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16'])
const REGEX_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's' }

export function readModifiers(field: string, modifiers: readonly string[]): ModifierChain {
  const chain: ModifierChain = {
    position: 'exact',
    all: false,
    cased: false,
    neq: false,
    exists: false,
    fieldref: false,
    cidr: false,
    regex: null,
    numeric: null,
    timePart: null,
    steps: []
  }
  const where = `'${[field, ...modifiers].join('|')}'`
  for (const raw of modifiers) {
    const modifier = raw === 'wide' ? 'utf16le' : raw
    if (POSITIONS.has(modifier)) {
      if (chain.position !== 'exact') {
        throw new SigmaRuleError('invalid', `${where} combines '${chain.position}' and '${modifier}'`)
      }
      chain.position = modifier as Position
    } else if (NUMERIC.has(modifier)) chain.numeric = modifier as NumericOperator
    else if (TIME_PARTS.has(modifier)) chain.timePart = modifier as TimePart
    else if (STEPS.has(modifier)) chain.steps.push(modifier as ValueStep)
    else if (modifier === 're') chain.regex = { flags: '' }
    else if (modifier in REGEX_FLAGS && chain.regex !== null) chain.regex.flags += REGEX_FLAGS[modifier]
    else if (modifier === 'all') chain.all = true
    else if (modifier === 'cased') chain.cased = true
    else if (modifier === 'neq') chain.neq = true
    else if (modifier === 'exists') chain.exists = true
    else if (modifier === 'fieldref') chain.fieldref = true
    else if (modifier === 'cidr') chain.cidr = true
    else if (modifier in REGEX_FLAGS) {
      throw new SigmaRuleError(
        'invalid',
        `${where}: '${modifier}' is a sub-modifier of 're' and must follow it`
      )
    } else {
      throw new SigmaRuleError('unsupported', `${where} uses '${raw}', which is not a Sigma 2.1 modifier`)
    }
  }
  if (chain.regex !== null && (chain.position !== 'exact' || chain.steps.length > 0)) {
    throw new SigmaRuleError('invalid', `${where} combines 're' with modifiers that rewrite the value`)
  }
  return chain
}
