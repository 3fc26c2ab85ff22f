// ESLint: type-aware typescript-eslint everywhere there is a tsconfig, Lit and custom-element rules in the browser code.
// `npm run lint` runs this, Prettier's check, dependency-cruiser (import layers, cycles) and lit-analyzer (templates).
import './scripts/typescript-js-api.mjs'; // first: typescript-eslint needs TypeScript's JS API (see that file)
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'sandbox/dist/',
      'node_modules/',
      '.sandbox/',
      'test-results/',
      'test-results-firefox/',
      'playwright-report/',
      'screenshots/',
      'test/e2e/fixtures/spa/', // a plain-JS customer page served as is
      'test/e2e/fixtures/react-spa/main.js', // the React SPA's browser entry, built by the test with Vite
      'test/types/', // type-check fixtures for each framework, compiled by test/size/types.test.mjs
      'examples/', // integrators' projects, run against the packed packages by scripts/test-example.mjs
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Every TypeScript file belongs to one of these: the browser side, and the Node side (sandbox, scripts, the
        // Playwright specs, the Vite config). Each project is a TypeScript program built once per run.
        project: ['./tsconfig.json', './sandbox/tsconfig.json'],
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans in messages and URLs are what a reader expects; objects and `any` stay refused.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // `void promise` is how this code base marks a deliberately unawaited promise (its rejection is handled inside).
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          ignoreVoid: true,
          allowForKnownSafeCalls: [
            // node:test registers the test; the runner awaits it.
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
            // @open-wc's chai-dom-diff types every `.equal` as async (only `.dom.equal` is); plain chai is sync.
            {
              from: 'file',
              path: 'node_modules/@open-wc/semantic-dom-diff/chai-dom-diff-plugin.d.ts',
              name: ['equal', 'eq', 'equals', 'Equal'],
            },
          ],
        },
      ],
      // `return voidCall()` as an early exit is an idiom here; TypeScript already refuses a void value used as one.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // An AbortSignal's reason is passed through as is (it is what `fetch` itself rejects with).
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The types at the page boundary are promises, not facts: options from page scripts may be null, `document.body`
      // is null in <head>, public methods coerce. Checks the types call "unnecessary" are deliberate there.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // `x !== false` reads as "true unless switched off"; kept where written that way.
      '@typescript-eslint/no-unnecessary-boolean-literal-compare': 'off',
      // `void this.#stores` marks a field read only for its side effect (subscriptions).
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // Spreading a string into characters is fine for the ASCII this code splits (hex colours); the rule still
      // refuses spreading promises, Maps, functions and class instances.
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'string' }] }],
      // `json<T>()` on a test response is a typed cast on purpose.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // Async functions that do not await still honour a Promise-returning contract (route handlers, fakes).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Browser code: the element, its state, the demo, the component tests.
    // lit-analyzer (`npm run lint:templates`) type-checks the bindings in src's templates on top of these.
    files: ['src/**/*.ts', 'demo/**/*.ts', 'test/component/**/*.ts'],
    plugins: { lit, wc },
    languageOptions: { globals: globals.browser },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...wc.configs['flat/recommended'].rules,
    },
  },
  {
    // Tests may crash on a missing value: the failure is the assertion.
    files: ['test/**/*.ts', 'sandbox/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Saving a method to restore it later (`const query = permissions.query`) is how tests stub globals.
      '@typescript-eslint/unbound-method': 'off',
      // Playwright fixtures: `async ({}, use) => …` and `void` fixture types are its documented shape.
      'no-empty-pattern': 'off',
      '@typescript-eslint/no-invalid-void-type': 'off',
    },
  },
  {
    // Plain JavaScript (configs, runner scripts, size tests): no type information, Node globals.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
