// Vite plugin: minifies the Lit `css` templates of `*styles.ts` files with lightningcss (they ship on every page).
// A real CSS parser, so `.a :hover` (a descendant) never becomes `.a:hover` (the element itself), as a
// whitespace-collapsing regex would make it.
import { transform } from 'lightningcss';
import type { Plugin } from 'vite';

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
  const { code } = transform({ filename, code: Buffer.from(withPlaceholders), minify: true });
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
      if (!/styles\.ts$/.test(id)) return null;
      return code.replace(CSS_TEMPLATE, (_match, body: string) => `css\`${minifyCssTemplate(body, id)}\``);
    },
  };
}
