import type { ApiPlugin } from '@tierdesk/api';
import { createCallbackSchedulerService, recordCallbackOutcome, type CallbackOutcomeRequest } from '@tierdesk/callback-scheduler';
import { consolePlugin, registerTriageApiRoutes } from '@tierdesk/console';
import type { Runtime, Service, ServiceName } from '@tierdesk/runtime';
import { createSlaTimerService } from '@tierdesk/sla-timer';
import { createVendorHandoffService, registerConsentRoutes, registerVendorApiRoutes } from '@tierdesk/vendor-handoff';

/**
 * Services beyond the foundation register here: each maps its name to a factory, and may add
 * HTTP routes (under the API's auth) for its actions.
 */
export function extraServices(rt: Runtime): Partial<Record<ServiceName, () => Service>> {
  return {
    'sla-timer': () => createSlaTimerService(rt),
    'callback-scheduler': () => createCallbackSchedulerService(rt),
    'vendor-handoff': () => createVendorHandoffService(rt),
  };
}

/** `POST /api/tickets/:id/callback` (CONTRACT §4): how a level-2 callback went. */
const registerCallbackRoute: ApiPlugin = (app, rt) => {
  app.post<{ Params: { id: string }; Body: CallbackOutcomeRequest }>('/api/tickets/:id/callback', async (req) =>
    recordCallbackOutcome(rt, req.params.id.toUpperCase(), req.body),
  );
};

export function apiPlugins(): ApiPlugin[] {
  return [
    registerCallbackRoute,
    registerVendorApiRoutes,
    registerTriageApiRoutes,
  ];
}

/** Routes outside the bearer-auth scope; each must authenticate its own requests (e.g. signed links). */
export function publicApiPlugins(): ApiPlugin[] {
  return [
    registerConsentRoutes,
    consolePlugin,
  ];
}
