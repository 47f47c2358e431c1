// Lint the TypeScript sources and tests, and the `.mjs` scripts and harness; generated bundles and installed hosts are not ours.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.vscode-test-web/**', 'test/harness/hosts/**', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Scripts and the harness run on Node; tsc checks their names (tsconfig.scripts.json, checkJs), so no-undef,
    // which knows no Node globals, would only repeat it.
    files: ['**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
  {
    // V8's young-generation collector keeps a WeakMap's values alive after their key died (src/core/memoOnKey.ts):
    // keyed by a document version's objects, every edit's analysis outlived the collections meant to free it.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='WeakMap']", message: 'Keep values on their keys with MemoOnKey (src/core/memoOnKey.ts): a WeakMap keeps them past young collections.' }],
    },
  },
  {
    // The core must stay editor-free: it serves the extension, the web extension and the command line.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The core never imports vscode.' }],
        // MathJax lives in its own chunk (dist/tex.js), reached through the TexPort the editor supplies.
        patterns: [{ group: ['mathjax-full', 'mathjax-full/*'], message: 'Only src/extension/tex loads MathJax (its own chunk); the core gets a TexRenderer.' }],
      }],
    },
  },
);
