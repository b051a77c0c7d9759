import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const coreFolders = [
  'src/kube/**',
  'src/kubelet-core/**',
  'src/fake-apiserver/**',
  'src/scheduler/**',
  'src/kubectl/**',
  'src/cluster/**',
  'src/lessons/**',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      '.e2e-dist',
      'node_modules',
      'public/modules',
      'modules/**/build',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: coreFolders,
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', '@xterm/*', 'monaco-editor', 'monaco-yaml', 'node:*'],
              message: 'Core stays framework-free: add a port to kubelet-core/ports.ts instead.',
            },
            {
              group: ['**/app/**', '**/runtime-wasi/**', '**/oci/**'],
              message:
                'Core may import only src/kube and other core folders; hosts plug in through ports.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Time is a port: use the Clock passed in.' },
        { name: 'setTimeout', message: 'Time is a port: use Clock.setTimeout.' },
        { name: 'setInterval', message: 'Time is a port: use Clock.setTimeout.' },
      ],
    },
  },
);
