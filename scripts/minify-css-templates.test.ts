// The build's CSS minifier keeps what the selectors mean; run through the plugin exactly as `vite build` calls it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TransformPluginContext } from 'rolldown';
import { minifyCssTemplate, minifyCssTemplates } from './minify-css-templates';

/** Runs the plugin's transform hook on a module source, as Vite does for every `*styles.ts` file. */
function build(source: string, id = '/src/widget/example-styles.ts'): string | null {
  const hook = minifyCssTemplates().transform;
  const handler = typeof hook === 'function' ? hook : hook?.handler;
  assert.ok(handler, 'the plugin has a transform hook');
  const result: unknown = handler.call({} as TransformPluginContext, source, id);
  assert.ok(result === null || typeof result === 'string');
  return result;
}

test('a descendant selector (`.a :hover`) survives the build; it does not become `.a:hover`', () => {
  const out = build(
    'export const s = css`\n  .a :hover {\n    color: red;\n  }\n  .b > .c , .d  ::slotted(p) { margin : 0 }\n`;',
  );
  assert.equal(out, 'export const s = css`.a :hover{color:red}.b>.c,.d ::slotted(p){margin:0}`;');
});

test('comments and whitespace go; values, :host() and @media stay', () => {
  const out = minifyCssTemplate(`
    /* tokens */
    :host([theme='dark']) .panel { --_x: var(--kataven-primary, #2563eb); }
    @media (prefers-reduced-motion: reduce) { * { transition: none; } }
  `);
  assert.equal(
    out,
    ':host([theme=dark]) .panel{--_x:var(--kataven-primary,#2563eb)}@media (prefers-reduced-motion:reduce){*{transition:none}}',
  );
});

test('interpolations come back in place, as rules and as values', () => {
  assert.equal(
    minifyCssTemplate('.a { color: red; }\n  ${meterRules}\n  .b { width: ${width}; }'),
    '.a{color:red}${meterRules}.b{width:${width}}',
  );
});

test('only *styles.ts modules are touched; CSS it cannot parse fails the build', () => {
  assert.equal(build('const s = css`.a   b {}`;', '/src/widget/panel.ts'), null);
  assert.throws(() => minifyCssTemplate('.a::: { color: red; }'), /Invalid token in pseudo element/);
});
