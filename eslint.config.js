import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'packages/api-client/src/schema.d.ts', '**/*.js', '**/*.mjs', 'data/**', '**/coverage/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      curly: ['error', 'all'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      // Tenant transactions on PostgreSQL are built without Drizzle's relational query builders
      // (platform/db/tenant.ts: building them for every table cost more than a short statement).
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name=/^(tx|db)$/][property.name='query']", message: 'Use tx.select()/tx.execute(): tx.query.* (relational queries) is not built in tenant transactions.' },
      ],
    },
  },
);
