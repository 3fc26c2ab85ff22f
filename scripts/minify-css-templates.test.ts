// The build's CSS minifier keeps what the selectors mean; run through the plugin exactly as `vite build` calls it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TransformPluginContext } from 'rolldown';
import { minifyCssTemplate, minifyCssTemplates } from './minify-css-templates';

/** Runs the plugin's transform hook on a module source, as Vite does for every module it builds. */
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

test('only src/widget modules are touched; CSS it cannot parse fails the build', () => {
  for (const id of ['/src/state/call-state.ts', '/demo/main.ts', '/node_modules/lit/index.ts', '/src/widget/x/y.ts']) {
    assert.equal(build('const s = css`.a   b {}`;', id), null, id);
  }
  assert.throws(() => minifyCssTemplate('.a::: { color: red; }'), /Invalid token in pseudo element/);
});

test('a view module: its css template is minified, its html templates and code are left as written', () => {
  const source = [
    'const view = html`<span class="live-dot  reconnecting"> ${time} </span>`;',
    'export const styles = css`\n  .live-dot {\n    width: 12px;\n  }\n`;',
    'const label = `Call in progress, ${time}`;',
  ].join('\n');
  assert.equal(
    build(source, '/src/widget/live-launcher.ts'),
    [
      'const view = html`<span class="live-dot  reconnecting"> ${time} </span>`;',
      'export const styles = css`.live-dot{width:12px}`;',
      'const label = `Call in progress, ${time}`;',
    ].join('\n'),
  );
  assert.equal(build('const view = html`<p>  a  </p>`;', '/src/widget/panel.ts'), null, 'no css template: untouched');
});

test('`:has()` with a relative selector and `:not()` with a list survive (the live launcher)', () => {
  assert.equal(
    minifyCssTemplate(`
      [part='launcher']:has(> .live-dot) > :not(.live-dot, .live-time) { display: none; }
      [part='launcher']:has(> .live-dot) { padding-inline: 16px 20px; }
    `),
    '[part=launcher]:has(>.live-dot)>:not(.live-dot,.live-time){display:none}[part=launcher]:has(>.live-dot){padding-inline:16px 20px}',
  );
});

test('media queries keep the form older Safari reads (no `width<=` range syntax)', () => {
  assert.equal(
    minifyCssTemplate('@media (max-width: 479.98px) { .a { inset: 0; top: var(--_top, 0px); } }'),
    '@media (max-width:479.98px){.a{inset:0;top:var(--_top,0px)}}',
  );
});

test('env() fallbacks, calc(), color-mix() with var(), keyframes, states and pseudo-classes survive', () => {
  assert.equal(
    minifyCssTemplate(`
      header { padding-top: calc(16px + env(safe-area-inset-top, 0px)); }
      .core { background: radial-gradient(circle, color-mix(in srgb, var(--_primary) 35%, #fff), var(--_accent)); }
      .dot { animation: kataven-pulse 1.6s ease-out infinite; }
      @keyframes kataven-pulse { 50% { transform: scale(0.88); } to { opacity: 0; } }
      .rate:hover:not(:disabled) { border-color: var(--_primary); }
      [part='feedback-comment']:focus-visible { outline: 3px solid var(--_accent); }
      .visualizer[data-mode='speaking'] .ripple { opacity: 0.5; }
    `),
    [
      'header{padding-top:calc(16px + env(safe-area-inset-top,0px))}',
      '.core{background:radial-gradient(circle, color-mix(in srgb, var(--_primary) 35%, #fff), var(--_accent))}',
      '.dot{animation:1.6s ease-out infinite kataven-pulse}',
      '@keyframes kataven-pulse{50%{transform:scale(.88)}to{opacity:0}}',
      '.rate:hover:not(:disabled){border-color:var(--_primary)}',
      '[part=feedback-comment]:focus-visible{outline:3px solid var(--_accent)}',
      '.visualizer[data-mode=speaking] .ripple{opacity:.5}',
    ].join(''),
  );
});

test('every src/widget module with a css template goes through, and comes out smaller', () => {
  const folder = fileURLToPath(new URL('../src/widget/', import.meta.url));
  const modules = readdirSync(folder).filter((name) => name.endsWith('.ts'));
  const styled = modules.filter((name) => readFileSync(path.join(folder, name), 'utf8').includes('css`'));
  assert.ok(styled.includes('live-launcher.ts') && styled.includes('visualizer.ts'), styled.join(', '));
  for (const name of styled) {
    const source = readFileSync(path.join(folder, name), 'utf8');
    const out = build(source, path.join(folder, name));
    assert.ok(out !== null && out.length < source.length, `${name} was not minified`);
  }
  const launcher = build(readFileSync(path.join(folder, 'live-launcher.ts'), 'utf8'), '/src/widget/live-launcher.ts');
  assert.match(launcher ?? '', /\[part=launcher\]:has\(>\.live-dot\)>:not\(\.live-dot,\.live-time\)\{display:none\}/);
});
