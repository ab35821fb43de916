// Browsers cap how tall an element may be (about 33.5 million px in Chromium, 17.9 million in Firefox), so
// a million-row table cannot simply be a million rows tall. Past a safe height the scrollbar is scaled:
// each physical pixel of scrolling moves several virtual pixels, and rows are drawn shifted to match.

export const MAX_SCROLL_HEIGHT = 15_000_000

/** Virtual pixels per physical pixel of scrolling: 1 until the content outgrows the safe height. */
export function scrollScale(
  contentHeight: number,
  viewportHeight: number,
  maxHeight = MAX_SCROLL_HEIGHT
): number {
  if (contentHeight <= maxHeight || viewportHeight >= maxHeight) return 1
  return (contentHeight - viewportHeight) / (maxHeight - viewportHeight)
}

/** The height the scrolling element actually gets. */
export function physicalHeight(contentHeight: number, maxHeight = MAX_SCROLL_HEIGHT): number {
  return Math.min(contentHeight, maxHeight)
}
