// What frames every page of the report: a running header with the case id, a footer with page X of Y and
// the generation time with its zone, and the page-break rule that keeps headings with their content. They
// live together because the rule must recognise header and footer nodes to look past them.

import type { Content, DynamicContent, PageBreakNode, PageBreakQuery } from 'pdfmake'
import { COLOURS, CONTENT_WIDTH, PAGE } from './theme'

/** Every node of the header and footer carries one of these styles; pdfmake reports nothing else about them. */
type PageFurniture = 'pageHeader' | 'pageFooter'
const PAGE_FURNITURE: ReadonlySet<PageBreakNode['style']> = new Set<PageFurniture>([
  'pageHeader',
  'pageFooter'
])

/**
 * A heading with no body content after it on its page (only other headings, or the page's header and
 * footer) moves to the next page, with what it introduces.
 */
export function keepHeadingsWithContent(node: PageBreakNode, query: PageBreakQuery): boolean {
  if (node.headlineLevel === undefined) return false
  return !query
    .getFollowingNodesOnPage()
    .some((next) => next.headlineLevel === undefined && !PAGE_FURNITURE.has(next.style))
}

function rule(style: PageFurniture, margin: [number, number, number, number]): Content {
  return {
    canvas: [
      { type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: COLOURS.rule }
    ],
    style,
    margin
  }
}

export function pageHeader(caseId: string): DynamicContent {
  const style = 'pageHeader'
  return () => ({
    stack: [
      {
        columns: [
          {
            text: 'CAIRN · INCIDENT RESPONSE REPORT',
            style,
            bold: true,
            characterSpacing: 0.6,
            color: COLOURS.accent
          },
          { text: `Case ${caseId}`, style, alignment: 'right' }
        ],
        style
      },
      rule(style, [0, 5, 0, 0])
    ],
    style,
    margin: [PAGE.margins[0], 30, PAGE.margins[2], 0]
  })
}

/** `generated` is the generation time with its zone, as the title page states it. */
export function pageFooter(generated: string): DynamicContent {
  const style = 'pageFooter'
  return (currentPage, pageCount) => ({
    stack: [
      rule(style, [0, 0, 0, 5]),
      {
        columns: [
          { text: `Generated ${generated}`, style },
          { text: `Page ${currentPage} of ${pageCount}`, style, alignment: 'right', width: 90 }
        ],
        style
      }
    ],
    style,
    margin: [PAGE.margins[0], 22, PAGE.margins[2], 0]
  })
}
