// PDF generation time on the demo case (generated scenario, imported, detected): the time to build the
// snapshot, lay out the document and write the PDF, over several runs.
// Usage: node --import tsx bench/report.bench.ts [runs]

import { join } from 'node:path'
import { CairnApp } from '../src-main/core/app/cairnApp'
import { CairnHome } from '../src-main/core/app/cairnHome'
import { openDemoCase } from '../src-main/core/app/demoCase'
import { benchDir, printFigures } from './benchSupport'

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5)
  const dir = benchDir('report')
  const app = new CairnApp({ home: new CairnHome(join(dir, 'home')) })
  let started = performance.now()
  const demo = await openDemoCase(app)
  const demoSeconds = (performance.now() - started) / 1000
  const times: number[] = []
  let pages = 0
  let bytes = 0
  for (let run = 0; run < runs; run++) {
    started = performance.now()
    const receipt = await app.exportReport(
      demo.id,
      { includeNotes: true, includeEvents: true },
      join(dir, `report-${run}.pdf`)
    )
    times.push((performance.now() - started) / 1000)
    pages = receipt.pages
    bytes = receipt.bytes
  }
  app.closeCase()
  times.sort((a, b) => a - b)
  printFigures('report', {
    'demo case build, import and detection (s)': demoSeconds,
    'demo events': demo.counts.events,
    'demo alerts': demo.counts.alerts,
    'PDF pages': pages,
    'PDF size (KiB)': bytes / 1024,
    'PDF generation, first run (s)': times[times.length - 1],
    'PDF generation, median (s)': times[Math.floor(times.length / 2)]
  })
}

void main()
