// A scripted agent (docs/protocol.md, "Scripted agents"): the seed's `behaviour.script`, or steps injected into a
// live call, say lines, call the page's tools and hang up, on a timer or in answer to what the page sends.
import { z } from 'zod';

const delay = z.number().int('must be an integer').min(0).max(600_000);
const line = z.string().min(1).max(1000);
const pattern = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/** One step; each shape is strict, so a misspelt key is refused rather than silently never firing. */
export const scriptStepSchema = z.union([
  z.strictObject({ after_ms: delay, say: line }),
  z.strictObject({ on_text: pattern, say: line }),
  z.strictObject({
    after_ms: delay,
    tool: z.strictObject({ name: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) }),
  }),
  z.strictObject({ on_tool_result: z.string().min(1), say: line }),
  z.strictObject({ on_tool_error: z.string().min(1), say: line }),
  z.strictObject({ after_ms: delay, hangup: z.literal(true) }),
]);
export const scriptSchema = z.array(scriptStepSchema).max(100);

export type ScriptStep = z.input<typeof scriptStepSchema>;
type ParsedStep = z.output<typeof scriptStepSchema>;

/** What a script drives: the call it runs on. */
export interface ScriptHost {
  /** Speak a line (audio and captions). */
  say(text: string): void;
  /** Send a tool call to the page. */
  callTool(name: string, params: Record<string, unknown>): void;
  hangup(): void;
  /** Runs `run` after `ms` unless the call has ended. */
  later(ms: number, run: () => void): void;
}

export class ScriptRunner {
  private readonly onText: Array<{ pattern: RegExp; say: string }> = [];
  /** Keyed by tool name: what to say when the page answers it, ok or refused. */
  private readonly onToolAnswer: Array<{ name: string; ok: boolean; say: string }> = [];

  constructor(private readonly host: ScriptHost) {}

  /** Adds steps; timed ones count from now. Steps must already be validated (`scriptSchema`). */
  add(steps: readonly ParsedStep[]): void {
    for (const step of steps) {
      if ('on_text' in step) this.onText.push({ pattern: new RegExp(step.on_text, 'i'), say: step.say });
      else if ('on_tool_result' in step) this.onToolAnswer.push({ name: step.on_tool_result, ok: true, say: step.say });
      else if ('on_tool_error' in step) this.onToolAnswer.push({ name: step.on_tool_error, ok: false, say: step.say });
      else if ('say' in step) this.host.later(step.after_ms, () => this.host.say(step.say));
      else if ('tool' in step)
        this.host.later(step.after_ms, () => this.host.callTool(step.tool.name, step.tool.params));
      else this.host.later(step.after_ms, () => this.host.hangup());
    }
  }

  /** Text the visitor typed. True when a step answered it (the default "You said" reply then stays quiet). */
  heardText(text: string): boolean {
    const answers = this.onText.filter((step) => step.pattern.test(text));
    for (const answer of answers) this.host.say(answer.say);
    return answers.length > 0;
  }

  /** The page answered a tool call: `on_tool_result` steps speak when it succeeded, `on_tool_error` ones when not. */
  toolAnswered(name: string, ok: boolean): void {
    for (const step of this.onToolAnswer) if (step.name === name && step.ok === ok) this.host.say(step.say);
  }
}
