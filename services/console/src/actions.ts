import type { FastifyInstance } from 'fastify';

/**
 * Console actions go through the HTTP API itself (an in-process request with the API token), so
 * the console can do exactly what the API allows, answers with the API's own error codes, and
 * picks up actions other services add (callback, consent, vendor, triage) without knowing their code.
 */
export const API_ACTIONS = ['reply', 'escalate', 'priority', 'resolve', 'callback', 'consent', 'vendor', 'triage'] as const;
export type ApiAction = (typeof API_ACTIONS)[number];

export function isApiAction(v: string): v is ApiAction {
  return (API_ACTIONS as readonly string[]).includes(v);
}

export type ActionResult = { ok: true } | { ok: false; status: number; code: string; message: string };

/** The JSON body the API expects for a console form. */
export function apiBody(action: ApiAction, form: Record<string, string>, agent: string): Record<string, unknown> {
  switch (action) {
    case 'reply':
      return { body: form.body ?? '', agent };
    case 'escalate':
      return { level: form.level === undefined || form.level === '' ? null : Number(form.level), reason: form.reason ?? '', agent };
    case 'priority':
      return { priority: form.priority ?? '', ...(form.priorityReason?.trim() ? { reason: form.priorityReason } : {}), agent };
    case 'resolve':
      return { resolution: form.resolution ?? '', agent };
    case 'callback':
      return { outcome: form.outcome ?? '', notes: form.notes ?? '', agent };
    case 'consent':
      return { granted: form.granted === 'true' ? true : form.granted === 'false' ? false : null, agent };
    case 'vendor':
      return { vendor: form.vendor ?? '', agent };
    case 'triage':
      // The form's two buttons: "classification is right", or the level and category chosen.
      if (form.verdict === 'confirmed') return { confirm: true, agent };
      if (form.verdict !== 'corrected') return { agent };
      return { level: form.level === undefined || form.level === '' ? null : Number(form.level), category: form.category ?? '', agent };
  }
}

export async function callApi(app: FastifyInstance, apiToken: string, ticketId: string, action: ApiAction, body: Record<string, unknown>): Promise<ActionResult> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/tickets/${encodeURIComponent(ticketId)}/${action}`,
    headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true };
  let code = 'HTTP_' + res.statusCode;
  let message = res.body.slice(0, 500);
  try {
    const parsed = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string') code = parsed.error.code;
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // not the API's JSON error shape; keep the raw text
  }
  return { ok: false, status: res.statusCode, code, message };
}
