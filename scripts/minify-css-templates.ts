// Vite plugin: minifies the Lit `css` templates of every src/widget module with lightningcss: the `*styles.ts` files
// and the views that keep their own rules (live-launcher.ts, visualizer.ts, feedback-view.ts …). A real CSS parser,
// so `.a :hover` (a descendant) never becomes `.a:hover` (the element itself), as a whitespace-collapsing regex would.
import { transform } from 'lightningcss';
import type { Plugin } from 'vite';

/** The modules whose `css` templates ship in the CDN build: the element's own folder, nothing else. */
const WIDGET_MODULE = /[\\/]src[\\/]widget[\\/][^\\/]+\.ts$/;

const version = (major: number, minor = 0) => (major << 16) | (minor << 8);
/**
 * The oldest browsers the widget's CSS already needs (`color-mix()`: Chrome 111, Safari 16.2; `:has()`: Firefox 121).
 * Without them lightningcss writes the shortest form any browser knows, e.g. `@media (width<=479.98px)`, which
 * Safari reads only from 16.4: on 16.2 and 16.3 the phone sheet would never apply.
 */
const TARGETS = {
  chrome: version(111),
  edge: version(111),
  firefox: version(121),
  safari: version(16, 2),
  ios_saf: version(16, 2),
};

/** Matches `` css`…` `` whose body has no nested backticks (the only form our style modules use). */
const CSS_TEMPLATE = /\bcss`([^`]*)`/g;
const INTERPOLATION = /\$\{([^{}]*)\}/g;

/**
 * Minifies one template body. `${…}` interpolations become placeholders lightningcss keeps: a rule where a rule may
 * start (`${meterRules}`), an identifier elsewhere; each must come back exactly once, or the build fails.
 */
export function minifyCssTemplate(body: string, filename = 'template.css'): string {
  const slots: string[] = [];
  const withPlaceholders = body.replace(INTERPOLATION, (match: string, _expr: string, offset: number) => {
    const index = slots.push(match) - 1;
    const before = body.slice(0, offset).trimEnd();
    const atRuleStart = before === '' || /[{};]$/.test(before);
    return atRuleStart ? `.kv-slot-${index}{--kv-slot:${index}}` : `kv-slot-${index}`;
  });
  const { code } = transform({ filename, code: Buffer.from(withPlaceholders), minify: true, targets: TARGETS });
  let css = code.toString();
  slots.forEach((slot, index) => {
    const placeholder = new RegExp(`\\.kv-slot-${index}\\{--kv-slot:${index}\\}|\\bkv-slot-${index}\\b`, 'g');
    const found = css.match(placeholder)?.length ?? 0;
    if (found !== 1) throw new Error(`${filename}: interpolation ${slot} did not survive CSS minification`);
    css = css.replace(placeholder, slot);
  });
  if (css.includes('`') || css.includes('\\')) throw new Error(`${filename}: minified CSS needs escaping`);
  return css;
}

export function minifyCssTemplates(): Plugin {
  return {
    name: 'kataven:minify-css-templates',
    transform(code, id) {
      if (!WIDGET_MODULE.test(id) || !code.includes('css`')) return null;
      return code.replace(CSS_TEMPLATE, (_match, body: string) => `css\`${minifyCssTemplate(body, id)}\``);
    },
  };
}
