// Long synchronous loops in the main process (detection scans) give the event loop a turn between batches,
// so IPC, browser-mode requests and cancellation are served while they run.

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
