import type { TierdeskConfig } from '@tierdesk/domain';
import { ConfigError } from './config-error.js';
import type { ConfigIssue } from './config-error.js';
import { configSchema } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { toConfigIssues } from './format-issue.js';

export type ConfigCheck = { ok: true; config: TierdeskConfig } | { ok: false; issues: ConfigIssue[] };

/** Validates a parsed JSON value; returns every problem instead of throwing (for `config check`). */
export function validateConfig(json: unknown): ConfigCheck {
  const result = configSchema.safeParse(json, { reportInput: true });
  if (result.success) return { ok: true, config: deepFreeze(result.data) };
  return { ok: false, issues: toConfigIssues(result.error.issues, configSchema) };
}

/**
 * The validated, frozen configuration, with defaults filled in. Throws ConfigError listing every
 * problem by path; `source` (usually the file) is named in the message.
 */
export function parseConfig(json: unknown, source?: string): TierdeskConfig {
  const check = validateConfig(json);
  if (!check.ok) throw ConfigError.forConfig(check.issues, source);
  return check.config;
}
