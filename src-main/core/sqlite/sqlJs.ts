// One lazily initialised sql.js module per thread. In Node, sql.js finds its .wasm beside its own script in
// node_modules, which holds both under vitest and in the built app (sql.js stays an external dependency).

import initSqlJs from 'sql.js'
import type { SqlJsStatic } from 'sql.js'

let loading: Promise<SqlJsStatic> | null = null

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs()
  return loading
}
