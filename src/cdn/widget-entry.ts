/**
 * The CDN build's widget module (`kataven-widget.js`), imported by the `v1.js` loader: registers the element and
 * mounts widgets from `Kataven.init` options. The Twilio SDK stays in its own chunk until a call needs it.
 */
import '../define.js';
export { KatavenWidget } from '../widget/kataven-widget.js';
