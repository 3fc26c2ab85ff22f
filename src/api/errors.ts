/** Every failure the widget can show has exactly one of these codes (docs/protocol.md section 1). */
export const ERROR_CODES = [
  'invalid_key',
  'secret_key_in_page',
  'origin_not_allowed',
  'key_disabled',
  'agent_not_found',
  'agent_not_active',
  'widget_disabled',
  'sign_in_required',
  'rate_limited',
  'cost_cap',
  'network',
  'server_error',
  'invalid_response',
  'mic_denied',
  'mic_unavailable',
  'browser_unsupported',
  'insecure_context',
  'call_failed',
  'call_dropped',
  'resume_expired',
] as const;

export type WidgetErrorCode = (typeof ERROR_CODES)[number];

/** Codes where trying again (possibly after `retryAfterSeconds`) can succeed without a configuration change. */
const RETRYABLE: ReadonlySet<WidgetErrorCode> = new Set<WidgetErrorCode>([
  'rate_limited',
  'cost_cap',
  'network',
  'server_error',
  'invalid_response',
  'mic_denied',
  'mic_unavailable',
  'call_failed',
  'call_dropped',
  // The call that was being resumed is gone for good; a new call can start at once.
  'resume_expired',
]);

export interface WidgetErrorOptions {
  /** HTTP status, when the error came from the Kataven API. */
  status?: number;
  /** Seconds the server asked us to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  /** The original error, for debugging; never shown to visitors. */
  cause?: unknown;
}

/** The one error type of the widget. `message` is technical (for developers); the UI shows localized text per `code`. */
export class WidgetError extends Error {
  override readonly name = 'WidgetError';
  readonly code: WidgetErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: WidgetErrorCode, message: string, options: WidgetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Wraps anything thrown into a WidgetError, keeping WidgetErrors as they are. */
  static from(error: unknown, fallback: WidgetErrorCode = 'call_failed'): WidgetError {
    if (error instanceof WidgetError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new WidgetError(fallback, message, { cause: error });
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
