// pdfmake 0.3 ships no TypeScript types and @types/pdfmake describes 0.2. This declares exactly the part of
// the Node API and of the document-definition format that the report module uses, so the document builder
// is checked by the compiler instead of being an untyped object literal.

declare module 'pdfmake' {
  export type Margins = number | [number, number] | [number, number, number, number]

  export interface Style {
    font?: string
    fontSize?: number
    bold?: boolean
    italics?: boolean
    color?: string
    background?: string
    alignment?: 'left' | 'right' | 'center'
    lineHeight?: number
    characterSpacing?: number
    margin?: Margins
    decoration?: 'lineThrough'
    preserveLeadingSpaces?: boolean
    wordBreak?: 'break-all'
  }

  interface NodeBase extends Style {
    style?: string | string[]
    /** Set on headings so `pageBreakBefore` can keep them with what follows. */
    headlineLevel?: number
  }

  export interface ContentText extends NodeBase {
    text: string | Inline[]
  }
  export type Inline = string | ContentText

  export interface ContentStack extends NodeBase {
    stack: Content[]
  }

  export interface ContentColumns extends NodeBase {
    columns: (ContentNode & { width?: number })[]
  }

  export interface ContentList extends NodeBase {
    markerColor?: string
  }
  export interface ContentUnorderedList extends ContentList {
    ul: Content[]
  }
  export interface ContentOrderedList extends ContentList {
    ol: Content[]
    start?: number
  }

  /** Any content that is a node of its own (not a bare string or a list of content). */
  export type ContentNode = Exclude<Content, string | Content[]>
  /** A table cell is any content node; row shading comes from the table's named layout. */
  export type TableCell = ContentNode

  export interface ContentTable extends NodeBase {
    table: {
      widths: (number | '*')[]
      body: TableCell[][]
      headerRows?: number
      keepWithHeaderRows?: number
      dontBreakRows?: boolean
    }
    /** The name of a layout registered with `setTableLayouts`. */
    layout?: string
  }

  export interface ContentSvg extends NodeBase {
    svg: string
    width: number
    height: number
  }

  export interface CanvasLine {
    type: 'line'
    x1: number
    y1: number
    x2: number
    y2: number
    lineWidth: number
    lineColor: string
  }
  export interface CanvasRect {
    type: 'rect'
    x: number
    y: number
    w: number
    h: number
    /** Corner radius. */
    r?: number
    color: string
  }
  export interface ContentCanvas extends NodeBase {
    canvas: (CanvasLine | CanvasRect)[]
  }

  export type Content =
    | string
    | ContentText
    | ContentStack
    | ContentColumns
    | ContentUnorderedList
    | ContentOrderedList
    | ContentTable
    | ContentSvg
    | ContentCanvas
    | Content[]

  /** What pdfmake passes to `pageBreakBefore` about a node and its neighbours (only what Cairn reads). */
  export interface PageBreakNode {
    headlineLevel?: number
    style?: string | string[]
  }
  export interface PageBreakQuery {
    getFollowingNodesOnPage(): PageBreakNode[]
  }

  export type DynamicContent = (currentPage: number, pageCount: number) => Content

  export interface TDocumentDefinitions {
    pageSize: 'A4'
    pageMargins: [number, number, number, number]
    info: { title: string; author?: string; subject: string; creator: string; creationDate: Date }
    header: DynamicContent
    footer: DynamicContent
    content: Content[]
    styles: Record<string, Style>
    defaultStyle: Style
    pageBreakBefore: (node: PageBreakNode, query: PageBreakQuery) => boolean
  }

  /** The structural part of a table, as layout callbacks receive it. */
  export interface TableNode {
    table: { body: unknown[][]; headerRows?: number; widths: unknown[] }
  }

  export interface TableLayout {
    hLineWidth?: (line: number, node: TableNode) => number
    vLineWidth?: (line: number, node: TableNode) => number
    hLineColor?: (line: number, node: TableNode) => string
    vLineColor?: (line: number, node: TableNode) => string
    paddingLeft?: (column: number, node: TableNode) => number
    paddingRight?: (column: number, node: TableNode) => number
    paddingTop?: (row: number, node: TableNode) => number
    paddingBottom?: (row: number, node: TableNode) => number
    fillColor?: (row: number, node: TableNode, column: number) => string | null
  }

  export interface FontFamily {
    normal: string
    bold: string
    italics: string
    bolditalics: string
  }

  /** The pdfkit document pdfmake lays out into; only the page range is read. */
  export interface LaidOutDocument {
    bufferedPageRange(): { start: number; count: number }
  }

  export interface OutputDocument {
    getStream(): Promise<LaidOutDocument>
    getBuffer(): Promise<Buffer>
  }

  interface PdfMake {
    setFonts(fonts: Record<string, FontFamily>): void
    setTableLayouts(layouts: Record<string, TableLayout>): void
    setLocalAccessPolicy(allow: (path: string) => boolean): void
    setUrlAccessPolicy(allow: (url: string) => boolean): void
    createPdf(document: TDocumentDefinitions): OutputDocument
  }

  const pdfmake: PdfMake
  export default pdfmake
}
