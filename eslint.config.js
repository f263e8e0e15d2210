import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'shots/',
      'scratch/',
      'node_modules/',
      'bench/node_modules/',
      'src/locales/generated/', // written by lit-localize
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A parameter a signature requires but the body does not read is named with a leading _.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'lit/no-invalid-html': 'error',
    },
  },
  {
    // The service worker: its own global scope; the build fills in __PRECACHE__.
    files: ['src/app/sw.js'],
    languageOptions: {
      globals: {
        self: 'readonly',
        caches: 'readonly',
        Response: 'readonly',
        __PRECACHE__: 'readonly',
      },
    },
  },
  {
    // Content is never rendered as HTML.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'lit/directives/unsafe-html.js',
              message: 'content is rendered through templates',
            },
            {
              name: 'lit/directives/unsafe-svg.js',
              message: 'content is rendered through templates',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'render through Lit templates' },
        { property: 'outerHTML', message: 'render through Lit templates' },
        { property: 'insertAdjacentHTML', message: 'render through Lit templates' },
      ],
    },
  },
);
