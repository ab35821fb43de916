// Renders a case snapshot to PDF bytes with pdfmake 0.3 in Node. The fonts are the Roboto TTFs inside the
// pdfmake package, found from its package.json so this works from source, under vitest and from the built
// CommonJS bundle (pdfmake stays external); pdfmake may read those files and nothing else, and no URL.

import { createRequire } from 'node:module'
import path from 'node:path'
import pdfmake from 'pdfmake'
import { buildReportDocument } from './reportDocument'
import type { CaseSnapshot } from './snapshot'
import { FONTS, TABLE_LAYOUTS } from './theme'

export interface RenderedReport {
  buffer: Buffer
  pages: number
}

const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
  'Roboto'
)

/** PDF's built-in Courier needs no file: pdfkit recognises these names before touching the file system. */
const BUILT_IN_FONTS = new Set(['Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique'])

/** Only files directly inside the Roboto folder (compared as resolved paths, not string prefixes). */
function mayReadLocalFile(file: string): boolean {
  return BUILT_IN_FONTS.has(file) || path.dirname(path.resolve(file)) === FONT_DIR
}

/**
 * pdfmake is a process-wide singleton; the report sets its fonts, layouts and access policies on every
 * render rather than relying on some earlier initialisation having happened.
 */
function configurePdfmake(): void {
  pdfmake.setFonts({
    [FONTS.text]: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf')
    },
    [FONTS.mono]: {
      normal: 'Courier',
      bold: 'Courier-Bold',
      italics: 'Courier-Oblique',
      bolditalics: 'Courier-BoldOblique'
    }
  })
  pdfmake.setTableLayouts(TABLE_LAYOUTS)
  pdfmake.setLocalAccessPolicy(mayReadLocalFile)
  pdfmake.setUrlAccessPolicy(() => false)
}

/** The case report as PDF bytes, with its page count. */
export async function renderReportPdf(snapshot: CaseSnapshot): Promise<RenderedReport> {
  configurePdfmake()
  const output = pdfmake.createPdf(buildReportDocument(snapshot))
  const laidOut = await output.getStream()
  const { start, count } = laidOut.bufferedPageRange()
  return { buffer: await output.getBuffer(), pages: start + count }
}
