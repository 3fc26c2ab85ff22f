// A package installed the way npm would install it from its tarball, without the network: `npm pack`, the tarball
// unpacked where npm puts it, and the dependencies it declares (plus any the caller names) linked from this repo's
// node_modules, so what runs is exactly what the tarball holds. Used by the pack tests and the example's run.
import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '..');

/** `npm pack` (with `args`, e.g. `['-w', 'sandbox']`) into `destination`; returns the tarball's path. */
export async function pack(destination, args = []) {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination, ...args], { cwd: repo });
  return path.join(destination, JSON.parse(stdout)[0].filename);
}

/** The files a tarball holds, relative to the package root. */
export async function tarballFiles(tarball) {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  return stdout
    .trim()
    .split('\n')
    .map((file) => file.replace(/^package\//, ''));
}

/**
 * Unpacks `tarball` as `modules/<name>` and links its dependencies and optional dependencies (and `also`) from this
 * repo's node_modules, unless one of `skip`; returns the packed package.json.
 */
export async function install(tarball, modules, name, { also = [], skip = [] } = {}) {
  const target = path.join(modules, name);
  await mkdir(target, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  const packed = JSON.parse(await readFile(path.join(target, 'package.json'), 'utf8'));
  const names = [...Object.keys(packed.dependencies ?? {}), ...Object.keys(packed.optionalDependencies ?? {}), ...also];
  for (const dependency of names) await link(modules, dependency, skip);
  return packed;
}

/** Links `name` from this repo's node_modules into `modules`, once (unless one of `skip`). */
export async function link(modules, name, skip = []) {
  if (skip.includes(name)) return;
  const target = path.join(modules, name);
  await mkdir(path.dirname(target), { recursive: true });
  await symlink(path.join(repo, 'node_modules', name), target, 'dir').catch((error) => {
    if (error.code !== 'EEXIST') throw error;
  });
}
