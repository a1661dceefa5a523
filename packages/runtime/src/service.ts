import type { Runtime } from './runtime.js';

export const SERVICE_NAMES = ['intake', 'triage', 'mailer', 'sla-timer', 'callback-scheduler', 'vendor-handoff', 'api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A unit `tierdesk start` can run alone or beside the others, in one process or many. */
export interface Service {
  readonly name: ServiceName;
  start(): Promise<void>;
  /** Stop taking new work; finish or hand back what is in flight. */
  stop(): Promise<void>;
  /** For /healthz: false when the service cannot do its work right now. */
  healthy?(): boolean;
}

export type ServiceFactory = (rt: Runtime) => Service;
