import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { minifyCssTemplates } from './scripts/minify-css-templates';

const { version, dependencies, peerDependencies } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const define = {
  __KATAVEN_VERSION__: JSON.stringify(version),
  'process.env.NODE_ENV': JSON.stringify('production'),
};

/**
 * The module `v1.js` imports: the launcher chunk the CDN entry (`kataven-widget.js`, built just before) re-exports,
 * by its hashed name. Browsers keep a hashed chunk for good and revalidate the entry on every page view, so importing
 * the chunk directly saves that round trip before the launcher on each page of a site.
 */
function launcherChunk(): string {
  const entry = readFileSync(fileURLToPath(new URL('dist/cdn/kataven-widget.js', import.meta.url)), 'utf8');
  const chunk = /^export\{[^}]*\}from"(\.\/chunks\/launcher-[\w-]+\.js)";?\s*$/.exec(entry)?.[1];
  if (!chunk) throw new Error(`dist/cdn/kataven-widget.js is no longer a re-export of the launcher chunk: ${entry}`);
  return chunk;
}

/**
 * `vite build`            → dist/lib: the npm package (unbundled ES modules, dependencies external).
 * `vite build --mode cdn` → dist/cdn: kataven-widget.js (+ lazy chunks, Twilio among them) for the script tag.
 * `vite build --mode loader` → dist/cdn/v1.js: the tiny classic-script loader.
 * `vite build --mode demo` → dist/demo: the branding-preview page the sandbox serves at /.
 */
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'cdn') {
    return {
      define,
      plugins: [minifyCssTemplates()],
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        // Library mode: dynamic imports stay plain `import()` (no preload helper in the launcher's bytes).
        lib: { entry: { 'kataven-widget': 'src/cdn/widget-entry.ts' }, formats: ['es'] },
        rolldownOptions: {
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            // Vite keeps ES-library output unminified; this build is for browsers, so minify fully.
            minify: true,
            // Everything the launcher needs at first paint in one file (one request, one gzip dictionary);
            // the panel, locales, call stack and Twilio stay in lazy chunks. Each lazy chunk has one way in (the call
            // code carries the call-time schemas and zod; see createApiClientWith), so none needs the bundler's
            // namespace helper, which would go to a chunk of its own that a click finds only after the first arrives.
            // test/size/size.test.mjs keeps it so.
            codeSplitting: {
              groups: [{ name: 'launcher', tags: ['$initial'] }],
            },
          },
        },
      },
    };
  }
  if (mode === 'loader') {
    return {
      define: { ...define, __KATAVEN_WIDGET_MODULE__: JSON.stringify(launcherChunk()) },
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: false,
        target: 'es2019',
        lib: { entry: 'src/cdn/v1.ts', formats: ['iife'], name: 'KatavenLoader', fileName: () => 'v1.js' },
      },
    };
  }
  if (mode === 'demo') {
    return {
      root: 'demo',
      base: '/',
      define,
      build: {
        outDir: '../dist/demo',
        emptyOutDir: true,
        target: 'es2022',
        // The studio, and the mock site's pages its preview shows in an <iframe>.
        rolldownOptions: {
          input: ['index.html', 'site/index.html', 'site/product.html', 'site/pricing.html'].map((page) =>
            fileURLToPath(new URL(`demo/${page}`, import.meta.url)),
          ),
        },
      },
    };
  }
  // Dependencies and peers (React) stay imports: the consumer's bundler resolves and dedupes them.
  const external = [...Object.keys(dependencies), ...Object.keys(peerDependencies)];
  return {
    define: { __KATAVEN_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'dist/lib',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: {
        entry: {
          index: 'src/index.ts',
          define: 'src/define.ts',
          react: 'src/react.ts',
          // Types-only entries (framework element typings); their JS is empty.
          'frameworks/preact': 'src/frameworks/preact.ts',
          'frameworks/vue': 'src/frameworks/vue.ts',
          'frameworks/svelte': 'src/frameworks/svelte.ts',
        },
        formats: ['es'],
      },
      rolldownOptions: {
        external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
