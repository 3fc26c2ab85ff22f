// Builds @kataven/sandbox into dist/: the JavaScript with esbuild (one module per entry plus shared chunks; every
// package import stays external, so the package's own dependencies are used), the typings with tsc. The sources use
// extensionless relative imports (bundler resolution); the emitted typings get `.js` added, as Node's resolution needs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const dist = path.join(here, 'dist');
rmSync(dist, { recursive: true, force: true });

await build({
  entryPoints: ['index.ts', 'bin.ts', 'playwright.ts'].map((file) => path.join(here, file)),
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
chmodSync(path.join(dist, 'bin.js'), 0o755);

const tsc = path.join(here, '..', 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', path.join(here, 'tsconfig.build.json')], { stdio: 'inherit' });

/** `from './x'` → `from './x.js'` in every emitted .d.ts. */
function addExtensions(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) addExtensions(file);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(file, 'utf8').replace(
        /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)(['"])/g,
        (match, before, specifier, after) =>
          /\.(js|json)$/.test(specifier) ? match : `${before}${specifier}.js${after}`,
      );
      writeFileSync(file, text);
    }
  }
}
addExtensions(path.join(dist, 'types'));
