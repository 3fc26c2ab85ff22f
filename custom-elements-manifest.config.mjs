// `npm run build` writes custom-elements.json (package.json's `customElements` points to it) from the element's
// JSDoc (@fires, @csspart, @cssprop) and its Lit properties. The manifest describes the published package: module
// paths are the dist/lib files, private members are left out, and the tag is the one `./define` registers.
const TAG_NAME = 'kataven-widget';
const SOURCE = 'src/widget/kataven-widget.ts';

/** Shapes the raw analysis into the manifest a package consumer's tools read. */
function publishedManifest() {
  return {
    name: 'kataven:published-manifest',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const published = module.path.replace(/^src\//, 'dist/lib/').replace(/\.ts$/, '.js');
        module.declarations = (module.declarations ?? []).filter((declaration) => declaration.kind === 'class');
        for (const declaration of module.declarations) {
          declaration.members = (declaration.members ?? []).filter(
            (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
          );
          if (module.path === SOURCE && declaration.name === 'KatavenWidget') {
            declaration.tagName = TAG_NAME;
            declaration.customElement = true;
          }
        }
        module.exports = (module.exports ?? []).filter((entry) => entry.kind === 'js');
        for (const entry of module.exports) {
          if (entry.declaration?.module === module.path) entry.declaration.module = published;
        }
        if (module.path === SOURCE) {
          module.exports.push({
            kind: 'custom-element-definition',
            name: TAG_NAME,
            declaration: { name: 'KatavenWidget', module: published },
          });
        }
        module.path = published;
      }
    },
  };
}

export default {
  globs: [SOURCE],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publishedManifest()],
};
