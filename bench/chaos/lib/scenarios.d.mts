// Types for the TypeScript callers (test/e2e/chaos.test.ts) of the plain-ESM scenarios.

export interface ChaosOutcome {
  scenario: 'kill' | 'redis-restart' | 'smtp-outage';
  emails: number;
  tickets: number;
  /** Distinct ack Message-IDs at the sink. */
  acksDistinct: number;
  /** Ack messages received, counting repeats of one Message-ID. */
  ackDeliveries: number;
  deliveries: number;
  distinctDeliveries: number;
  duplicateDeliveries: number;
  customersWithoutAck: number;
  customersWithSeveralAcks: number;
  acksThreadedWrong: number;
  failedJobs: number;
  pendingJobs: number;
  sentMs: number;
  recoveredMs: number;
  kills?: number;
  killsByGroup?: Record<string, number>;
  mailerKills?: number;
  smtpRetries?: number;
  redisRestarts?: number;
  processesExited?: number;
  exited?: string[];
  refusedAttempts?: number;
  outageMs?: number;
  drainedAfterMs?: number;
}

interface Common {
  n?: number;
  ratePerSecond?: number;
  parallel?: number;
  groups?: Array<{ name: string; only: string }>;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export function killScenario(opts?: Common & { killEveryMs?: [number, number]; downMs?: [number, number]; tailKills?: number }): Promise<ChaosOutcome>;
export function redisScenario(opts?: Common & { restarts?: number; downMs?: number }): Promise<ChaosOutcome>;
export function smtpOutageScenario(opts?: Common & { stoppedMs?: number; refusingMs?: number }): Promise<ChaosOutcome>;
