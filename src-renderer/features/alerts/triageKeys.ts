// The triage queue's single-letter keys (j/k move, x select, s in progress, c close, Esc clear), read only
// while the queue has focus. A key typed into a text field, a select or an editable region is the
// analyst's text, never a command, and keys with Ctrl, Alt or Meta belong to the browser.

export interface TriageKeyActions {
  move(step: 1 | -1): void
  toggle(): void
  start(): void
  close(): void
  clear(): void
}

const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset'])

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(target.type)
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

/** A keydown listener for the queue that runs the matching action and keeps the key from the page. */
export function triageKeyHandler(actions: TriageKeyActions): (event: KeyboardEvent) => void {
  const byKey: Record<string, () => void> = {
    j: () => actions.move(1),
    k: () => actions.move(-1),
    x: actions.toggle,
    s: actions.start,
    c: actions.close,
    Escape: actions.clear
  }
  return (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || isTypingTarget(event.target)) return
    const action = byKey[event.key]
    if (!action) return
    event.preventDefault()
    action()
  }
}
