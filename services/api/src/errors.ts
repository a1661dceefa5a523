import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { TierdeskError } from '@tierdesk/domain';

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  TICKET_NOT_FOUND: 404,
  NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  MESSAGE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTAKE_UNAVAILABLE: 503,
  REDIS_UNREACHABLE: 503,
  STORE_CONFLICT: 503,
};

export function httpStatusFor(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/** Every error leaves as CONTRACT §4's `{"error": {"code", "message"}}`; internals are logged, not shown. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof TierdeskError) return sendError(reply, httpStatusFor(err.code), err.code, err.message);
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'MESSAGE_TOO_LARGE', 'The request body is larger than INTAKE_MAX_BYTES allows.');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', fe.message);
  if (fe.validation || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400)) {
    return sendError(reply, 400, 'INVALID_INPUT', fe.message);
  }
  req.log.error({ err }, 'request failed');
  return sendError(reply, 500, 'INTERNAL', 'Something went wrong on our side; the details are in the server log.');
}
