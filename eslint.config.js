// ESLint 9 flat config: recommended JavaScript and TypeScript rules for the whole tree, plus the
// dependency direction of ARCHITECTURE.md (api → store → domain, api → dataset → domain,
// web → domain) as import bans, so a wrong-way import fails `npm run lint`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_MESSAGE =
  'this code runs without Node: no Node built-in modules (domain code does no I/O; the web app runs in the browser).';
// `node:fs` by pattern; bare `fs`, `fs/promises`, … by exact name (a pattern like `domain` would
// also match `@dash/domain`).
const NODE_BUILTINS = {
  paths: builtinModules.map((name) => ({ name, message: NODE_MESSAGE })),
  patterns: [{ group: ['node:*'], message: NODE_MESSAGE }],
};
const NO_NODE = { paths: [], patterns: [] };
const banPackages = (names, why) => ({
  group: names.flatMap((n) => [n, `${n}/*`]),
  message: why,
});
const restrict = (node, ...patterns) => ['error', { paths: node.paths, patterns: [...node.patterns, ...patterns] }];

const API = '@dash/api';
const FEATURES = 'features never import each other: what two features share goes to lib/ or components/; they meet in app/.';
const STORE = '@dash/store';
const DATASET = '@dash/dataset';

const webRestrict = (...patterns) =>
  restrict(
    NODE_BUILTINS,
    banPackages([STORE, DATASET, API], 'the web app talks to the API over HTTP and shares only @dash/domain (web → domain).'),
    ...patterns,
  );

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      '**/node_modules/',
      'coverage/',
      '**/coverage/',
      'apps/web/dist/',
      'test-results/',
      '.bench/',
      'data/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (e.g. a property dropped by destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Dependency direction. Each block is the only no-restricted-imports setting for its files.
  {
    files: ['packages/domain/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        NODE_BUILTINS,
        banPackages([DATASET, STORE, API], 'domain is imported by everyone and imports no other workspace package.'),
      ),
    },
  },
  {
    files: ['packages/dataset/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        NO_NODE,
        banPackages([STORE, API], 'dataset holds data and its loader: no SQL, no HTTP (api → dataset → domain).'),
      ),
    },
  },
  {
    files: ['packages/store/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': restrict(
        NO_NODE,
        banPackages(
          [DATASET, API],
          'store knows SQL and domain types only (api → store → domain); the api loads the dataset into it.',
        ),
      ),
    },
  },
  {
    // Store tests load the bundled dataset as test data; the store itself still may not.
    files: ['packages/store/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        NO_NODE,
        banPackages([API], 'store tests exercise the store, not the HTTP API.'),
      ),
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': webRestrict() },
  },
  // Inside the web app: features never import each other (they meet in app/); lib/ (data access)
  // imports no UI; shared components and charts import no feature.
  {
    files: ['apps/web/src/features/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': webRestrict({ regex: '^\\.\\./(?!\\.\\./)', message: FEATURES }) },
  },
  {
    files: ['apps/web/src/features/*/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': webRestrict({ regex: '^\\.\\./\\.\\./(?!\\.\\./)', message: FEATURES }) },
  },
  {
    files: ['apps/web/src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': webRestrict({
        regex: '^\\.\\./(app|features|components|charts)/',
        message: 'lib/ is data access (fetch, query client, URL state): it imports no page, component or chart.',
      }),
    },
  },
  {
    files: ['apps/web/src/{charts,components}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': webRestrict({
        regex: '^(\\.\\./)+(app|features)/',
        message: 'charts and shared components serve every page: they import no page or feature.',
      }),
    },
  },
);
