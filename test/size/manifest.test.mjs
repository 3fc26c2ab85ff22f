// custom-elements.json (written by `npm run build`) against the README's reference: attributes and properties,
// methods, events, parts and CSS custom properties must name exactly the same things, so neither can drift.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const definition = manifest.modules
  .flatMap((module) => module.exports ?? [])
  .find((entry) => entry.kind === 'custom-element-definition');
const element = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === 'kataven-widget');

/** The README section under `### title`, up to the next heading. */
function section(title) {
  const start = readme.indexOf(`### ${title}\n`);
  assert.ok(start >= 0, `README has no "### ${title}" section`);
  const rest = readme.slice(start + title.length + 5);
  return rest.slice(0, rest.search(/\n#{2,3} /) >>> 0);
}

/** Backticked names in the first column of the section's table (header and separator rows skipped). */
function firstColumnNames(text) {
  const rows = text.split('\n').filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line));
  return new Set(
    rows.slice(1).flatMap((row) => [...row.split('|')[1].matchAll(/`([^`(]+)(?:\([^`]*\))?`/g)].map((m) => m[1])),
  );
}

const sorted = (values) => [...new Set(values)].sort();

test('the manifest defines <kataven-widget> and package.json points to it', () => {
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(definition && element, 'no custom-element-definition for kataven-widget');
  assert.equal(definition.name, 'kataven-widget');
  assert.equal(definition.declaration.module, 'dist/lib/widget/kataven-widget.js');
  assert.ok(!JSON.stringify(manifest).includes('"#'), 'private members leaked into the manifest');
});

test('README "Attributes and properties" names every attribute and public property, and nothing else', () => {
  const documented = firstColumnNames(section('Attributes and properties'));
  const fields = element.members.filter((member) => member.kind === 'field' && !member.static).map((m) => m.name);
  const attributes = element.attributes.map((attribute) => attribute.name);
  assert.deepEqual(sorted(documented), sorted([...fields, ...attributes]));
  // Each attribute sits in the same row as its property.
  for (const attribute of element.attributes.filter((a) => a.fieldName && a.fieldName !== a.name)) {
    assert.match(readme, new RegExp(`\`${attribute.name}\` / \`${attribute.fieldName}\``), attribute.name);
  }
});

test('README "Methods" names every public method', () => {
  const documented = firstColumnNames(section('Methods'));
  const methods = element.members.filter((member) => member.kind === 'method' && !member.static).map((m) => m.name);
  assert.deepEqual(sorted(documented), sorted(methods));
});

test('README "Events" names every event the element fires', () => {
  assert.deepEqual(sorted(firstColumnNames(section('Events'))), sorted(element.events.map((event) => event.name)));
});

test('README "Styling" names every CSS custom property and every part', () => {
  const styling = section('Styling');
  assert.deepEqual(sorted(firstColumnNames(styling)), sorted(element.cssProperties.map((property) => property.name)));
  const partsLine = styling.split('\n').find((line) => line.startsWith('Parts for')) ?? '';
  const paragraph = styling.slice(styling.indexOf(partsLine)).split('\n\n')[0];
  const parts = [...paragraph.matchAll(/`([\w-]+)`/g)].map((match) => match[1]);
  assert.deepEqual(sorted(parts), sorted(element.cssParts.map((part) => part.name)));
});
