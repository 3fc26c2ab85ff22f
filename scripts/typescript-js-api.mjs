// Lets the lint tools use TypeScript's JavaScript API while the project compiles with TypeScript 7 (native).
//
// `typescript@7` ships the Go compiler; `require('typescript')` exports only its version, so typescript-eslint's
// type-aware rules and dependency-cruiser's TypeScript parser cannot use it. `typescript-for-eslint` is
// `npm:typescript@6.0.3` (same language, JS API intact). Imported first by eslint.config.mjs and passed with
// `node --import` to dependency-cruiser and lit-analyzer, this module makes `typescript` (and `typescript/…`) resolve
// to it, for `require` and `import` alike, in that process only. `tsc` (typecheck, build) never loads it.
// package.json's `"overrides": { "typescript": "$typescript" }` keeps npm from installing their own copies (their
// peer ranges stop below 7); at run time they all get this one.
import Module, { createRequire, register } from 'node:module';

const ALIAS = 'typescript-for-eslint';
const require = createRequire(import.meta.url);
const aliased = (specifier) =>
  specifier === 'typescript' || specifier.startsWith('typescript/')
    ? ALIAS + specifier.slice('typescript'.length)
    : null;

// CommonJS (typescript-eslint, ts-api-utils): Node 20 has no synchronous resolve hook, so wrap the resolver.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliased(request) ?? request, ...rest);
};

// ES modules (dependency-cruiser's `await import('typescript')`).
register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const alias = specifier === 'typescript' || specifier.startsWith('typescript/')
        ? '${ALIAS}' + specifier.slice('typescript'.length) : null;
      return next(alias ?? specifier, context);
    }`)}`,
);

// Fail loudly here rather than in a rule: the alias must be the JS API (it has `createProgram`).
if (typeof require('typescript').createProgram !== 'function') {
  throw new Error(`scripts/typescript-js-api.mjs: '${ALIAS}' is not TypeScript's JS API; run npm install`);
}
