// Lint is where the layer rules of ARCHITECTURE.md live: each folder may import only the layers below it.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'readline',
  'tls',
  'dns'
]
// Node built-ins are named exactly (a pattern 'events' would also match './stores/events'); layers are
// matched by regex on the path so 'echarts/core' is not mistaken for src-main/core.
const layer = (names, message) => ({ regex: `(^|/)(src-main/)?(${names})(/|$)`, message })
const rules = {
  noNode: {
    paths: nodeBuiltins.map((name) => ({ name, message: 'This layer must not use Node APIs.' })),
    patterns: [{ group: ['node:*'], message: 'This layer must not use Node APIs.' }]
  },
  noElectron: {
    paths: [{ name: 'electron', message: 'Only src-main/shell and the entry points may use electron.' }],
    patterns: [
      { group: ['electron/*'], message: 'Only src-main/shell and the entry points may use electron.' }
    ]
  },
  noRenderer: {
    patterns: [{ regex: '(^|/)src-renderer(/|$)', message: 'The main process never imports the renderer.' }]
  },
  noEntryLayers: { patterns: [layer('shell|server|cli', 'Core and common never import the entry layers.')] },
  noCore: { patterns: [{ regex: '(^|/)(src-main/)?core(/|$)', message: 'This layer must not import core.' }] }
}
// In src-main, a relative '../core/…' is a layer import; in the renderer only 'src-main/core' is.
rules.noCoreFromRenderer = {
  patterns: [
    {
      regex: '(^|/)src-main/(core|shell|server|cli)(/|$)',
      message: 'The renderer imports only src-main/common.'
    }
  ]
}

const restrict = (...parts) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: parts.flatMap((part) => part.paths ?? []),
      patterns: parts.flatMap((part) => part.patterns ?? [])
    }
  ]
})

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/component-api-style': ['error', ['script-setup']],
      'vue/no-v-html': 'error'
    }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    files: ['src-main/common/**'],
    rules: restrict(rules.noNode, rules.noElectron, rules.noRenderer, rules.noEntryLayers, rules.noCore)
  },
  { files: ['src-main/core/**'], rules: restrict(rules.noElectron, rules.noRenderer, rules.noEntryLayers) },
  { files: ['src-main/server/**', 'src-main/cli/**'], rules: restrict(rules.noElectron, rules.noRenderer) },
  { files: ['src-main/shell/**', 'src-main/index.ts'], rules: restrict(rules.noRenderer) },
  { files: ['src-main/preload.ts'], rules: restrict(rules.noRenderer, rules.noCore) },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(rules.noNode, rules.noElectron, rules.noCoreFromRenderer)
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettier
)
