import type { ApiPlugin } from '@tierdesk/api';
import { consolePlugin } from '@tierdesk/console';
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
    'vendor-handoff': () => createVendorHandoffService(rt),
  };
}

export function apiPlugins(): ApiPlugin[] {
  return [
    registerVendorApiRoutes,
  ];
}

/** Routes outside the bearer-auth scope; each must authenticate its own requests (e.g. signed links). */
export function publicApiPlugins(): ApiPlugin[] {
  return [
    registerConsentRoutes,
    consolePlugin,
  ];
}
