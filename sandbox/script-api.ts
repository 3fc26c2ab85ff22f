// POST /sandbox/script: script steps for a live call (the given `call_sid`, or the newest live call), the same steps
// an agent's seeded `behaviour.script` takes (sandbox/agent/script-steps.ts). Loopback clients only, like every
// /sandbox route.
import { z } from 'zod';
import { scriptSchema } from './agent/script-steps';
import { HttpError, jsonReply } from './http';
import type { RouteHandler } from './request-context';
import { parseOrRefuse } from './validation';

const scriptBodySchema = z.strictObject({ call_sid: z.string().min(1).optional(), steps: scriptSchema.min(1) });

export const postScript: RouteHandler = async (ctx) => {
  const body = parseOrRefuse(scriptBodySchema, await ctx.body());
  const call = ctx.calls.runScript(body.call_sid, body.steps);
  if (!call) throw new HttpError(404, 'not_found', 'no live, answered call to script');
  return jsonReply({ ok: true, call_sid: call.call_sid, steps: body.steps.length });
};
