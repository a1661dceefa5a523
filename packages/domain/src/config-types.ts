import type { Level } from './levels.js';
import type { Priority } from './priority.js';

/**
 * The validated shape of the JSON configuration (CONTRACT §6). The config package parses and
 * checks it with zod; the domain only consumes the result, so it stays free of I/O.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Wall-clock intervals per weekday, "HH:MM" strings, end exclusive ("24:00" allowed as end). */
export type BusinessHours = Record<Weekday, Array<[string, string]>>;

export interface BusinessCalendarConfig {
  timezone: string;
  businessHours: BusinessHours;
  /** ISO dates (YYYY-MM-DD) in `timezone` on which nothing counts as business time. */
  holidays: string[];
}

export type CalendarKind = 'business' | '24x7';

export interface SlaPolicyConfig {
  name: string;
  levels: Level[];
  priorities: Priority[];
  /** ISO-8601 duration, or null for no target. */
  firstResponse: string | null;
  resolution: string | null;
  calendar: CalendarKind;
  warnAtPercent: number;
  escalateOnBreach: boolean;
}

export interface AgentConfig {
  email: string;
  name: string;
  levels: Level[];
  timezone: string;
  language: 'en' | 'fr' | 'de';
  /** Optional personal token for signing in to the agent console as this agent (a secret). */
  token?: string;
}

export interface VendorConfig {
  id: string;
  name: string;
  email: string;
  topics: string[];
  language: 'en' | 'fr' | 'de';
}

export interface KbArticleConfig {
  id: string;
  /** A plain title, or one per language. */
  title: string | Partial<Record<'en' | 'fr' | 'de', string>>;
  url: string;
  keywords: Partial<Record<'en' | 'fr' | 'de', string[]>>;
}

export interface CallbackConfig {
  slot: string;
  reminderBefore: string;
  maxAttempts: number;
  retryAfter: string;
  /** Earliest a callback may be booked after it is requested. */
  leadTime: string;
  /** Hours of the customer's own day in which we may call them. */
  customerHours: [string, string];
}

export interface TriageRuleConfig {
  id: string;
  category: string;
  level: Level;
  weight: number;
  keywords: Partial<Record<'en' | 'fr' | 'de', string[]>>;
  /** Vendor topic this rule stands for, when it routes to level 4. */
  vendorTopic?: string | undefined;
}

export interface SelfHelpConfig {
  /** Close an answered level-0 ticket when the customer stays silent this long. */
  closeAfter: string;
}

export interface ConsentConfig {
  /** Lifetime of a signed consent link; at least giveUpAfter (packages/config cross-checks). */
  linkTtl: string;
  /** Shorter than giveUpAfter, or the reminder would never go. */
  remindAfter: string;
  /** Without an answer by then the ticket stays in house at level 3. */
  giveUpAfter: string;
}

export interface VendorFollowupConfig {
  after: string;
  maxFollowups: number;
  attachAttachments: boolean;
}

export interface TierdeskConfig extends BusinessCalendarConfig {
  sla: { policies: SlaPolicyConfig[] };
  agents: AgentConfig[];
  escalationContacts: string[];
  vendors: VendorConfig[];
  kb: KbArticleConfig[];
  callbacks: CallbackConfig;
  rules: TriageRuleConfig[];
  selfHelp: SelfHelpConfig;
  consent: ConsentConfig;
  vendorFollowup: VendorFollowupConfig;
}
