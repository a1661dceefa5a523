import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tierdesk/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      // The domain is pure: time is injected, never read.
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject `now` instead of reading the clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Inject `now` instead of reading the clock.' },
        { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message: 'Inject `now` instead of reading the clock.' },
      ],
      'no-restricted-imports': ['error', { patterns: ['ioredis', 'bullmq', 'node:net', 'node:fs', 'node:http', 'nodemailer'] }],
    },
  },
);
