import type { AgentConfig, TierdeskConfig } from '@tierdesk/domain';

/**
 * The configured agent behind an email on a callback. A booking may outlive a config change
 * that removed its agent; such a booking is still shown, in the team's zone and in English.
 */
export function callbackAgent(config: Pick<TierdeskConfig, 'agents' | 'timezone'>, email: string): AgentConfig {
  const found = config.agents.find((a) => a.email.toLowerCase() === email.toLowerCase());
  return found ?? { email, name: email, levels: [2], timezone: config.timezone, language: 'en' };
}
