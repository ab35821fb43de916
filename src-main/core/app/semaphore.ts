// Limits how many imports run at once: each runs in its own worker thread and holds a shard in memory.

export class Semaphore {
  private readonly waiting: (() => void)[] = []

  constructor(private available: number) {}

  async acquire(): Promise<void> {
    if (this.available > 0) {
      this.available--
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.available++
  }
}
