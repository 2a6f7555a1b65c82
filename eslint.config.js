// Correctness rules only. Formatting is Prettier's (`npm run format`), never a lint error here;
// style rules stay out so that a lint failure always means a bug risk.
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.scratch/**', 'src/web/static/**', '**/*.js', '**/*.mjs'] },
  {
    // Directives written for rules this config does not run are not errors.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Imports name the compiled `.js`; this resolver finds the `.ts`. Without it every import is
      // unresolved, and no-cycle silently sees no graph.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      // A promise nobody awaits or handles loses its error, and may outlive a shutdown.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (an event handler) drops its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A cycle makes module initialisation order matter (a value used before its module ran).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
