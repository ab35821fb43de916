// An Aho–Corasick automaton over a set of literals, built once per rule bucket and field, that reports
// which literals occur in a text in one pass. Written for this hot path rather than taken from npm: the
// packages there return arrays of matched strings and positions, while the index needs literal ids with no
// allocation per event. States and edges live in typed arrays; ASCII edges out of the root are a table.

/** Up to this many states the ASCII transitions are one table (16 MiB at most); beyond, edge lists. */
const MAX_DENSE_STATES = 65_535
/** Edge keys of the trie under construction: state × this + char code (UTF-16 units fit below it). */
const EDGE_KEY = 0x10000

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
    // The trie as one map of edges (state × 65,536 + char → child) and edge lists, not a map per state:
    // large rule sets have tens of thousands of states, and per-state maps are what the build spent on.
    const edgeOf = new Map<number, number>()
    const edgeFrom: number[] = []
    const edgeChar: number[] = []
    const edgeTo: number[] = []
    const own = new Map<number, number[]>()
    let states = 1
    literals.forEach((literal, id) => {
      if (literal === '') return
      let state = 0
      for (let index = 0; index < literal.length; index++) {
        const char = literal.charCodeAt(index)
        const key = state * EDGE_KEY + char
        let next = edgeOf.get(key)
        if (next === undefined) {
          next = states++
          edgeOf.set(key, next)
          edgeFrom.push(state)
          edgeChar.push(char)
          edgeTo.push(next)
        }
        state = next
      }
      const ids = own.get(state)
      if (ids === undefined) own.set(state, [id])
      else ids.push(id)
    })
    // Edges grouped by state (counting sort), each group sorted by char for the binary search.
    this.edgeCount = new Int32Array(states)
    for (const from of edgeFrom) this.edgeCount[from]++
    this.edgeStart = new Int32Array(states)
    for (let state = 1; state < states; state++) {
      this.edgeStart[state] = this.edgeStart[state - 1] + this.edgeCount[state - 1]
    }
    const filled = new Int32Array(states)
    this.edgeChars = new Uint16Array(edgeFrom.length)
    this.edgeTargets = new Int32Array(edgeFrom.length)
    edgeFrom.forEach((from, edge) => {
      const slot = this.edgeStart[from] + filled[from]++
      this.edgeChars[slot] = edgeChar[edge]
      this.edgeTargets[slot] = edgeTo[edge]
    })
    for (let state = 0; state < states; state++) this.sortEdges(state)
    this.fail = new Int32Array(states)
    this.outputLink = new Int32Array(states).fill(-1)
    const order: number[] = [0]
    for (let head = 0; head < order.length; head++) {
      const state = order[head]
      const start = this.edgeStart[state]
      for (let edge = start; edge < start + this.edgeCount[state]; edge++) {
        const char = this.edgeChars[edge]
        const next = this.edgeTargets[edge]
        order.push(next)
        if (state === 0) continue
        let fallback = this.fail[state]
        while (fallback !== 0 && !edgeOf.has(fallback * EDGE_KEY + char)) fallback = this.fail[fallback]
        const target = edgeOf.get(fallback * EDGE_KEY + char)
        this.fail[next] = target !== undefined && target !== next ? target : 0
        const link = this.fail[next]
        this.outputLink[next] = own.has(link) ? link : this.outputLink[link]
      }
    }
    this.outStart = new Int32Array(states)
    this.outCount = new Int32Array(states)
    this.outIds = new Int32Array([...own.values()].reduce((sum, ids) => sum + ids.length, 0))
    let out = 0
    for (let state = 0; state < states; state++) {
      const ids = own.get(state) ?? []
      this.outStart[state] = out
      this.outCount[state] = ids.length
      for (const id of ids) this.outIds[out++] = id
    }
    for (let char = 0; char < 128; char++) this.rootAscii[char] = edgeOf.get(char) ?? 0
    this.dense = states <= MAX_DENSE_STATES ? this.denseTable(order) : null
  }

  private sortEdges(state: number): void {
    const start = this.edgeStart[state]
    const count = this.edgeCount[state]
    if (count < 2) return
    const pairs = Array.from({ length: count }, (_, index) => [
      this.edgeChars[start + index],
      this.edgeTargets[start + index]
    ])
    pairs.sort((a, b) => a[0] - b[0])
    pairs.forEach(([char, target], index) => {
      this.edgeChars[start + index] = char
      this.edgeTargets[start + index] = target
    })
  }

  /**
   * In breadth-first order a state's fail target is complete before the state itself, so each row starts
   * as a copy of its fail target's row and only the state's own edges are written over it.
   */
  private denseTable(order: readonly number[]): Uint16Array {
    const table = new Uint16Array(this.fail.length * 128)
    for (const state of order) {
      const row = state * 128
      if (state !== 0) {
        const failRow = this.fail[state] * 128
        table.copyWithin(row, failRow, failRow + 128)
      }
      const start = this.edgeStart[state]
      for (let edge = start; edge < start + this.edgeCount[state]; edge++) {
        const char = this.edgeChars[edge]
        if (char < 128) table[row + char] = this.edgeTargets[edge]
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
