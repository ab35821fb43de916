// An Aho–Corasick automaton over a set of literals, built once per rule bucket and field, that reports
// which literals occur in a text in one pass. Written for this hot path rather than taken from npm: the
// packages there return arrays of matched strings and positions, while the index needs literal ids with no
// allocation per event. States and edges live in typed arrays; ASCII edges out of the root are a table.

/** Up to this many states the ASCII transitions are one table (16 MiB at most); beyond, edge lists. */
const MAX_DENSE_STATES = 65_535

export class LiteralAutomaton {
  private readonly edgeStart: Int32Array
  private readonly edgeCount: Int32Array
  private readonly edgeChars: Uint16Array
  private readonly edgeTargets: Int32Array
  private readonly fail: Int32Array
  /** Own literal ids of each state, and the next state down the fail chain that has any (-1: none). */
  private readonly outStart: Int32Array
  private readonly outCount: Int32Array
  private readonly outIds: Int32Array
  private readonly outputLink: Int32Array
  private readonly rootAscii = new Int32Array(128)
  /** Every state's ASCII transitions with fail links resolved (a DFA), when the automaton is small enough. */
  private readonly dense: Uint16Array | null

  /** `literals[i]` gets id i; empty literals are never reported. */
  constructor(literals: readonly string[]) {
    const children: Map<number, number>[] = [new Map()]
    const own: number[][] = [[]]
    literals.forEach((literal, id) => {
      if (literal === '') return
      let state = 0
      for (let index = 0; index < literal.length; index++) {
        const char = literal.charCodeAt(index)
        let next = children[state].get(char)
        if (next === undefined) {
          next = children.length
          children.push(new Map())
          own.push([])
          children[state].set(char, next)
        }
        state = next
      }
      own[state].push(id)
    })
    const states = children.length
    this.fail = new Int32Array(states)
    this.outputLink = new Int32Array(states).fill(-1)
    const order: number[] = [0]
    for (let head = 0; head < order.length; head++) {
      const state = order[head]
      for (const [char, next] of children[state]) {
        order.push(next)
        if (state === 0) continue
        let fallback = this.fail[state]
        while (fallback !== 0 && !children[fallback].has(char)) fallback = this.fail[fallback]
        const target = children[fallback].get(char)
        this.fail[next] = target !== undefined && target !== next ? target : 0
        const link = this.fail[next]
        this.outputLink[next] = own[link].length > 0 ? link : this.outputLink[link]
      }
    }
    this.edgeStart = new Int32Array(states)
    this.edgeCount = new Int32Array(states)
    const edges = children.reduce((sum, map) => sum + map.size, 0)
    this.edgeChars = new Uint16Array(edges)
    this.edgeTargets = new Int32Array(edges)
    this.outStart = new Int32Array(states)
    this.outCount = new Int32Array(states)
    this.outIds = new Int32Array(own.reduce((sum, ids) => sum + ids.length, 0))
    let edge = 0
    let out = 0
    for (let state = 0; state < states; state++) {
      const sorted = [...children[state]].sort((a, b) => a[0] - b[0])
      this.edgeStart[state] = edge
      this.edgeCount[state] = sorted.length
      for (const [char, next] of sorted) {
        this.edgeChars[edge] = char
        this.edgeTargets[edge++] = next
      }
      this.outStart[state] = out
      this.outCount[state] = own[state].length
      for (const id of own[state]) this.outIds[out++] = id
    }
    for (let char = 0; char < 128; char++) this.rootAscii[char] = children[0].get(char) ?? 0
    this.dense = states <= MAX_DENSE_STATES ? this.denseTable(order, children) : null
  }

  /** In breadth-first order a state's fail target is complete before the state itself. */
  private denseTable(order: readonly number[], children: readonly Map<number, number>[]): Uint16Array {
    const table = new Uint16Array(children.length * 128)
    for (const state of order) {
      const row = state * 128
      const failRow = this.fail[state] * 128
      for (let char = 0; char < 128; char++) {
        const child = children[state].get(char)
        table[row + char] = child ?? (state === 0 ? 0 : table[failRow + char])
      }
    }
    return table
  }

  /** Calls `found` for every occurrence of every literal in `text` (a literal may be reported more than once). */
  scan(text: string, found: (id: number) => void): void {
    const dense = this.dense
    let state = 0
    for (let index = 0; index < text.length; index++) {
      const char = text.charCodeAt(index)
      state = dense !== null && char < 128 ? dense[state * 128 + char] : this.step(state, char)
      if (state === 0) continue
      let reporting = this.outCount[state] > 0 ? state : this.outputLink[state]
      while (reporting > 0) {
        const start = this.outStart[reporting]
        const end = start + this.outCount[reporting]
        for (let out = start; out < end; out++) found(this.outIds[out])
        reporting = this.outputLink[reporting]
      }
    }
  }

  private step(from: number, char: number): number {
    let state = from
    for (;;) {
      if (state === 0) return char < 128 ? this.rootAscii[char] : this.edgeTo(0, char)
      const next = this.edgeTo(state, char)
      if (next > 0) return next
      state = this.fail[state]
    }
  }

  /** The child of `state` on `char`, or 0 when there is none. */
  private edgeTo(state: number, char: number): number {
    let low = this.edgeStart[state]
    let high = low + this.edgeCount[state] - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const found = this.edgeChars[middle]
      if (found === char) return this.edgeTargets[middle]
      if (found < char) low = middle + 1
      else high = middle - 1
    }
    return 0
  }
}
