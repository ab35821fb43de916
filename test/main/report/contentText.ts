// Reads the printed text back out of a pdfmake content tree, so tests can assert on what a reader would see
// without rendering: only `text` values count, not style names or colours.

const CONTAINERS = new Set(['text', 'stack', 'ul', 'ol', 'columns', 'table', 'body'])

/** Every printed string in a content tree, in document order. */
export function printedTexts(content: unknown): string[] {
  if (typeof content === 'string') return [content]
  if (Array.isArray(content)) return content.flatMap(printedTexts)
  if (content !== null && typeof content === 'object')
    return Object.entries(content).flatMap(([key, value]) => (CONTAINERS.has(key) ? printedTexts(value) : []))
  return []
}
