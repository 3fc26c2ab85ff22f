/**
 * `@kataven/widget`: side-effect free. Importing this module neither touches `window`/`document` nor registers the
 * element; import `@kataven/widget/define` for that.
 */
export { KatavenWidget } from './widget/kataven-widget.js';
export * from './events.js';
export { WidgetError, ERROR_CODES, type WidgetErrorCode } from './api/errors.js';
export { createApiClient, DEFAULT_API_BASE, type ApiClient, type ApiClientOptions } from './api/client.js';
export {
  validateBranding,
  isValidColor,
  isValidLogoUrl,
  isLauncherPosition,
  DEFAULT_BRANDING,
  LAUNCHER_POSITIONS,
  TEXT_LIMITS,
  MAX_CALL_SECONDS_RANGE,
  type Branding,
  type BrandingIssue,
  type LauncherPosition,
} from './api/branding.js';
export type { WidgetStatus } from './state/widget-state.js';
export type { PolicyOverride } from './state/config.js';
export type { CallEndReason } from './call/call-controller.js';
export type { DeviceFactory, DeviceLike, CallLike, DeviceInit } from './call/device.js';
export type { ClientTool, ClientTools } from './call/tool-runner.js';
export type { AgentContext, ContextValue } from './api/context-rules.js';
export { SUPPORTED_LOCALES } from './widget/i18n.js';
