// ESLint: the recommended JavaScript and TypeScript rules, promises that must be awaited, and
// imports in one order (formatting itself is Prettier's).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'web/vendor/', 'web/verify/verify*.js', 'data/', '.bench/', 'test/artifacts/', 'web/app/dist/', 'web/graphiql/dist/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      // `_name`: a parameter or element a signature needs and this code does not.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    rules: {
      // Inputs are checked for control characters on purpose.
      'no-control-regex': 'off',
      // A variable a closure reads before its one assignment (a server bound after its handlers).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  // The web app's React: hooks called by the rules, and their dependencies listed.
  { files: ['web/app/src/**/*.{ts,tsx}', 'web/graphiql/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: { 'simple-import-sort/imports': 'error', 'simple-import-sort/exports': 'error' },
  },
);
