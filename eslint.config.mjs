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
const noNode = [
  { group: ['node:*'], message: 'This layer must not use Node APIs.' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'This layer must not use Node APIs.' }))
]
const noElectron = [
  { group: ['electron', 'electron/*'], message: 'Only src-main/shell and the entry points may use electron.' }
]
const noRenderer = [
  { group: ['**/src-renderer/**'], message: 'The main process never imports the renderer.' }
]
const noShell = [
  {
    group: ['**/shell/**', '**/server/**', '**/cli/**'],
    message: 'Core and common never import the entry layers.'
  }
]
const noCore = [{ group: ['**/core/**', '**/core'], message: 'This layer must not import core.' }]

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

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
    rules: restrict([...noNode, ...noElectron, ...noRenderer, ...noShell, ...noCore])
  },
  { files: ['src-main/core/**'], rules: restrict([...noElectron, ...noRenderer, ...noShell]) },
  { files: ['src-main/server/**', 'src-main/cli/**'], rules: restrict([...noElectron, ...noRenderer]) },
  {
    files: ['src-main/shell/**', 'src-main/index.ts', 'src-main/preload.ts'],
    rules: restrict([...noRenderer])
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([...noNode, ...noElectron, ...noCore, ...noShell])
  },
  { files: ['src-main/preload.ts'], rules: restrict([...noRenderer, ...noCore]) },
  prettier
)
