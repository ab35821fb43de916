// A binary heap of sorted runs for k-way merges across shards: the next item overall is the head of the
// run on top. A merge over many shards (a folder of thousands of small files) then costs log(shards) per
// item instead of a scan of every shard.

export class RunHeap {
  private readonly heap: number[] = []

  /** `before(a, b)`: whether the head of run a comes before the head of run b. */
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.heap.length
  }

  push(run: number): void {
    const heap = this.heap
    heap.push(run)
    let child = heap.length - 1
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (!this.before(heap[child], heap[parent])) break
      ;[heap[child], heap[parent]] = [heap[parent], heap[child]]
      child = parent
    }
  }

  /** The run whose head comes first; it stays on the heap until pop() or after its head moved (fix()). */
  peek(): number | undefined {
    return this.heap[0]
  }

  /** Takes the top run off the heap (its run is exhausted). */
  pop(): void {
    const heap = this.heap
    const last = heap.pop()!
    if (heap.length === 0) return
    heap[0] = last
    this.fix()
  }

  /** Restores the order after the top run's head moved on. */
  fix(): void {
    const heap = this.heap
    let parent = 0
    for (;;) {
      const left = 2 * parent + 1
      if (left >= heap.length) return
      const right = left + 1
      const first = right < heap.length && this.before(heap[right], heap[left]) ? right : left
      if (!this.before(heap[first], heap[parent])) return
      ;[heap[first], heap[parent]] = [heap[parent], heap[first]]
      parent = first
    }
  }
}
