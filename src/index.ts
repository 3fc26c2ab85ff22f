/**
 * `@kataven/widget`: side-effect free. Importing this module neither touches `window`/`document` nor registers the
 * element; import `@kataven/widget/define` for that.
 */
export { KatavenWidget } from './widget/kataven-widget.js';
export * from './events.js';
export { WidgetError, ERROR_CODES, type WidgetErrorCode } from './api/errors.js';
export { createApiClient, DEFAULT_API_BASE, type ApiClient, type ApiClientOptions } from './api/client.js';
export type { Branding, BrandingIssue, LauncherPosition } from './api/branding.js';
export type { WidgetStatus } from './state/widget-stores.js';
export type { PolicyOverride } from './state/config-rules.js';
export type { CallEndReason } from './call/call-controller.js';
export type {
  DeviceFactory,
  DeviceLike,
  CallLike,
  DeviceInit,
  AudioDevice,
  AudioDeviceList,
  AudioDevicesLike,
} from './call/device.js';
export type { ClientTool, ClientTools } from './call/tool-runner.js';
export type { AgentContext, ContextValue } from './api/context-rules.js';
export { SUPPORTED_LOCALES } from './widget/i18n.js';
export type { Strings, Locale } from './widget/i18n.js';
export type { StringOverrides } from './widget/strings-override.js';
export type {
  KatavenWidgetAttributes,
  KatavenWidgetEventAttributes,
  KatavenWidgetProperties,
} from './element-types.js';
