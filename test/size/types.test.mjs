// Framework typings as a consumer meets them: `npm pack`, the tarball unpacked into a fresh project's node_modules (its
// dependencies and the frameworks linked from this repo, no network), and each fixture in test/types type-checked
// there against the packed typings: `<kataven-widget …>` in React 19 (and `<KatavenWidget>`), Preact, Vue and Svelte,
// with every property and event custom-elements.json lists, and @ts-expect-error lines that only hold while the
// typings are really there. Then the same with `context` and `kataven-feedback` cut from the packed typings: every
// fixture must fail, so none can pass by not looking. Run after `npm run build`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve('.');
const tsc = path.join(repo, 'node_modules/.bin/tsc');
const FRAMEWORKS = ['react', 'preact', 'vue', 'svelte'];
/** What the fixtures import besides the package: its dependencies are linked too, from its own package.json. */
const FRAMEWORK_PACKAGES = ['react', '@types/react', 'preact', 'vue', 'svelte'];

let work = '';
let app = '';
let installed = '';
let element;

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kataven-types-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo });
  const tarball = path.join(work, JSON.parse(stdout)[0].filename);
  app = path.join(work, 'app');
  installed = path.join(app, 'node_modules/@kataven/widget');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const packed = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8'));
  const dependencies = [...Object.keys(packed.dependencies), ...Object.keys(packed.peerDependencies)];
  for (const name of new Set([...dependencies, ...FRAMEWORK_PACKAGES])) {
    await mkdir(path.dirname(path.join(app, 'node_modules', name)), { recursive: true });
    await symlink(path.join(repo, 'node_modules', name), path.join(app, 'node_modules', name), 'dir');
  }
  await cp(path.join(repo, 'test/types'), path.join(app, 'types'), { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(installed, 'custom-elements.json'), 'utf8'));
  element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'kataven-widget');
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** tsc's exit code and output for the fixture project of `framework`, in the installed app. */
async function typeCheck(framework) {
  const project = path.join(app, 'types', framework, 'tsconfig.json');
  const result = await run(tsc, ['-p', project]).catch((error) => error);
  return { code: result.code ?? 0, output: `${result.stdout}${result.stderr}` };
}

/** The manifest's names: attributes, settable properties, events. */
function manifestNames() {
  return {
    attributes: element.attributes.map((attribute) => attribute.name),
    properties: element.members
      .filter((member) => member.kind === 'field' && !member.static && !member.readonly && member.privacy !== 'private')
      .map((member) => member.name),
    events: element.events.map((event) => event.name),
  };
}

const pascal = (name) => name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase());

/** How each fixture spells an event's listener. */
const LISTENERS = {
  react: (event) => [`on${event}`, `on${pascal(event.replace(/^kataven-/, ''))}`],
  preact: (event) => [`on${event}`],
  vue: (event) => [`on${pascal(event)}`],
  svelte: (event) => [`on${event}`],
};

for (const framework of FRAMEWORKS) {
  test(`installed: <kataven-widget> type-checks in ${framework}, using every property and event of the manifest`, async () => {
    const config = await readFile(path.join(app, 'types', framework, 'tsconfig.json'), 'utf8');
    const file = /"files": \["([^"]+)"\]/.exec(config)?.[1] ?? '';
    const fixture = await readFile(path.join(app, 'types', framework, file), 'utf8');
    const { attributes, properties, events } = manifestNames();
    const uses = (name) => new RegExp(`['\\s]${name}['=:,\\s]`).test(fixture);
    const missing = [
      ...attributes.filter((name) => !uses(name)),
      ...properties.filter((name) => !uses(name)),
      ...events.flatMap((event) => LISTENERS[framework](event).filter((name) => !uses(name))),
    ];
    assert.deepEqual(missing, [], `test/types/${framework} leaves out what the manifest lists`);
    const { code, output } = await typeCheck(framework);
    assert.equal(code, 0, output);
  });
}

test('installed: the typings name exactly the attributes, properties and events of custom-elements.json', async () => {
  const { attributes, properties, events } = manifestNames();
  const union = (names) => names.map((name) => `'${name}'`).join(' | ');
  await mkdir(path.join(app, 'types/manifest'), { recursive: true });
  await writeFile(
    path.join(app, 'types/manifest/check.ts'),
    `import type { KatavenEventMap, KatavenWidgetAttributes, KatavenWidgetProperties } from '@kataven/widget';
     type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
     export const attributes: Same<keyof KatavenWidgetAttributes, ${union(attributes)}> = true;
     export const properties: Same<keyof KatavenWidgetProperties, ${union(properties)}> = true;
     export const events: Same<keyof KatavenEventMap, ${union(events)}> = true;\n`,
  );
  const config = JSON.parse(
    (await readFile(path.join(repo, 'test/types/vue/tsconfig.json'), 'utf8')).replace(/^\s*\/\/.*$/gm, ''),
  );
  await writeFile(path.join(app, 'types/manifest/tsconfig.json'), JSON.stringify({ ...config, files: ['check.ts'] }));
  const { code, output } = await typeCheck('manifest');
  assert.equal(code, 0, output);
});

/** Type-checks every fixture with `cut` applied to one packed typings file, and restores it. */
async function withCut(file, cut, check) {
  const typings = path.join(installed, 'dist/lib', file);
  const original = await readFile(typings, 'utf8');
  const changed = cut(original);
  assert.notEqual(changed, original, `nothing to cut in the packed ${file}`);
  await writeFile(typings, changed);
  try {
    const results = await Promise.all(FRAMEWORKS.map(typeCheck));
    FRAMEWORKS.forEach((framework, index) => check(framework, results[index]));
  } finally {
    await writeFile(typings, original);
  }
}

test("installed, with `context` cut from the element's properties: every fixture fails on it", async () => {
  const cut = (text) => text.replace(/\n\s*context: \{\n\s*attribute: boolean;\n\s*\};/, '');
  await withCut('widget/kataven-widget.d.ts', cut, (framework, { code, output }) => {
    assert.notEqual(code, 0, `${framework} still type-checks`);
    assert.match(output, /'context'/, `${framework} fails, but not on \`context\`:\n${output}`);
  });
});

test('installed, with `kataven-feedback` cut from the events: every fixture fails on it', async () => {
  const cut = (text) => text.replace(/\n\s*\/\*\*[^\n]*\*\/\n\s*feedback: \{[^}]*\};/, '');
  await withCut('events.d.ts', cut, (framework, { code, output }) => {
    assert.notEqual(code, 0, `${framework} still type-checks`);
    assert.match(output, /[Ff]eedback/, `${framework} fails, but not on \`kataven-feedback\`:\n${output}`);
  });
});
