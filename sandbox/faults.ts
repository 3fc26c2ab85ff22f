// Faults that tests and the demo inject through POST /sandbox/faults. Pending ones (delay_answer, fail_next)
// wait for the request or invite they affect; the rest act on live calls at once.
import { z } from 'zod';
import type { Reply } from './http';
import { parseOrRefuse } from './validation';

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('delay_answer'), ms: z.number().int().min(0).max(60_000) }),
  z.strictObject({
    kind: z.literal('fail_next'),
    path: z.string().startsWith('/'),
    status: z.number().int().min(400).max(599),
    body: z.string().optional(),
    retry_after: z.number().int().min(0).optional(),
  }),
  z.strictObject({ kind: z.literal('drop_signaling') }),
  z.strictObject({
    kind: z.literal('hangup'),
    error_code: z.number().int().optional(),
    message: z.string().optional(),
    call_sid: z.string().optional(),
  }),
  // A poor line on a live call: this share of media packets lost each way, and up to jitter_ms added to each packet
  // the agent sends (so they also arrive out of order). { loss: 0, jitter_ms: 0 } restores a clean line.
  z.strictObject({
    kind: z.literal('poor_line'),
    loss: z.number().min(0).max(1),
    jitter_ms: z.number().int().min(0).max(1000).default(0),
    call_sid: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('send_caption'),
    role: z.enum(['agent', 'user']),
    text: z.string(),
    final: z.boolean(),
    call_sid: z.string().optional(),
  }),
]);

export type Fault = z.infer<typeof faultSchema>;
type FailNext = Extract<Fault, { kind: 'fail_next' }>;

export const parseFault = (body: unknown): Fault => parseOrRefuse(faultSchema, body);

export class PendingFaults {
  private answerDelayMs: number | null = null;
  private readonly failures = new Map<string, FailNext>();

  delayNextAnswer(ms: number): void {
    this.answerDelayMs = ms;
  }

  failNext(fault: FailNext): void {
    this.failures.set(fault.path, fault);
  }

  /** The injected delay for the next invite, consumed. */
  takeAnswerDelay(): number {
    const delay = this.answerDelayMs ?? 0;
    this.answerDelayMs = null;
    return delay;
  }

  /** The injected failure for this request path, consumed. */
  takeFailure(path: string): Reply | undefined {
    const fault = this.failures.get(path);
    if (!fault) return undefined;
    this.failures.delete(path);
    const code = fault.status === 429 ? 'rate_limit' : fault.status >= 500 ? 'server_error' : 'invalid_body';
    const headers: Record<string, string> = {};
    if (fault.retry_after !== undefined) headers['Retry-After'] = String(fault.retry_after);
    return { status: fault.status, text: fault.body ?? `${code}: injected by the sandbox`, headers };
  }

  clear(): void {
    this.answerDelayMs = null;
    this.failures.clear();
  }
}
