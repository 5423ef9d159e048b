import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

/** Layers point one way: contract <- core <- electron/server/cli, and the renderer sees only the contract. */
const layer = (files, regexes, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/no-v-html': 'error',
    },
  },
  layer(
    ['src-main/contract/**/*.ts'],
    ['^[^.]', '^\\.\\./\\.\\.', '/(core|electron|server|cli)(/|$)'],
    'The contract is pure TypeScript and imports nothing outside src-main/contract.',
  ),
  layer(
    ['src-main/core/**/*.ts'],
    ['^electron$', '/(electron|server|cli)(/|$)', 'src-renderer'],
    'Core never imports electron, the transports or the renderer: it must run in plain Node.',
  ),
  layer(
    ['src-main/server/**/*.ts', 'src-main/cli/**/*.ts'],
    ['^electron$', '/electron(/|$)', 'src-renderer'],
    'The HTTP server and the CLI run without Electron.',
  ),
  layer(
    ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    ['src-main/(core|electron|server|cli)', '^electron$', '^better-sqlite3$', '^node:', '^pe-library$'],
    'The renderer talks to DriverLab only through the contract.',
  ),
);
