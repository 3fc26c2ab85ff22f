// POST /widget/feedback (docs/protocol.md section 8): the visitor rates a call that has ended, once. Stored on the call
// record and shown as `feedback` on /sandbox/calls.
import { z } from 'zod';
import { HttpError, bearerToken } from './http';
import type { RouteHandler } from './request-context';
import { parseOrRefuse } from './validation';

export const FEEDBACK_COMMENT_MAX = 500;

const feedbackSchema = z.strictObject({
  session_id: z.string().min(1),
  rating: z.enum(['up', 'down']),
  comment: z.string().max(FEEDBACK_COMMENT_MAX).optional(),
});

export const postFeedback: RouteHandler = async (ctx) => {
  const claims = await ctx.tokens.verifyVisitorToken(bearerToken(ctx.req));
  const body = parseOrRefuse(feedbackSchema, await ctx.body());
  const session = ctx.state.sessions.get(body.session_id);
  if (!session) throw new HttpError(404, 'session_not_found', 'no such session');
  if (session.visitor.id !== claims.visitor_id) {
    throw new HttpError(403, 'forbidden', 'this session belongs to another visitor');
  }
  const call = session.call_sid === null ? undefined : ctx.state.calls.get(session.call_sid);
  if (!call || call.state !== 'closed') throw new HttpError(409, 'call_not_ended', 'the call has not ended');
  if (call.feedback) throw new HttpError(409, 'feedback_given', 'this call already has feedback');
  const comment = body.comment?.trim();
  call.feedback = { rating: body.rating, comment: comment ? comment : null };
  return { status: 204 };
};
