/**
 * The demo page's entry: registers the widget (from this checkout's source) and the page's elements.
 * Registration is explicit, here, rather than a side effect of importing each module: package.json "sideEffects"
 * marks everything but `define` as side-effect free, so a bundler may drop a bare `import './x.js'`.
 */
import { defineKatavenWidget } from '../../src/define.js';
import { BrandingForm } from './branding-form.js';
import { DemoApp } from './demo-app.js';
import { InstallPanel } from './install-panel.js';
import { CallPreview, PreviewFrame } from './preview-frame.js';

defineKatavenWidget();

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['branding-form', BrandingForm],
  ['preview-frame', PreviewFrame],
  ['call-preview', CallPreview],
  ['install-panel', InstallPanel],
  ['demo-app', DemoApp],
];
for (const [tag, element] of ELEMENTS) if (!customElements.get(tag)) customElements.define(tag, element);
