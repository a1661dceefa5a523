import { z } from 'zod';
import { DEFAULT_TRIAGE_RULES, InvalidInputError, PRIORITIES, WEEKDAYS, parseSlaDuration } from '@tierdesk/domain';
import type { TierdeskConfig, Weekday } from '@tierdesk/domain';
import { crossCheck } from './cross-checks.js';
import {
  dayHoursSchema,
  durationSchema,
  waitingTimeSchema,
  emailSchema,
  httpUrlSchema,
  isoDateSchema,
  keywordsSchema,
  languageSchema,
  levelSchema,
  minutesOf,
  nonEmptyString,
  parseDuration,
  prioritySchema,
  timeOfDaySchema,
  endOfIntervalSchema,
  timezoneSchema,
  uniqueList,
  usesCalendarUnits,
} from './field-schemas.js';

/**
 * The JSON configuration of CONTRACT §6 as a zod schema. Every object is strict, so a typo is an
 * error rather than a silently ignored setting; optional parts get the documented defaults.
 */

const weekdayShape = Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema.default([])])) as Record<
  Weekday,
  z.ZodDefault<typeof dayHoursSchema>
>;
export const businessHoursSchema = z.strictObject(weekdayShape);

const durationOrNull = z.union([durationSchema, z.null()], {
  error: 'must be an ISO-8601 duration such as "PT4H", or null for no target',
});

export const slaPolicySchema = z
  .strictObject({
    name: nonEmptyString,
    levels: uniqueList(levelSchema),
    priorities: uniqueList(prioritySchema).default([...PRIORITIES]),
    firstResponse: durationOrNull.default(null),
    resolution: durationOrNull.default(null),
    calendar: z.enum(['business', '24x7'], { error: 'must be "business" or "24x7"' }).default('business'),
    warnAtPercent: z.number().gt(0, { error: 'must be more than 0' }).lt(100, { error: 'must be less than 100' }).default(80),
    escalateOnBreach: z.boolean().default(false),
  })
  .superRefine((policy, ctx) => {
    if (policy.calendar !== 'business') return;
    for (const target of ['firstResponse', 'resolution'] as const) {
      const value = policy[target];
      if (value !== null && usesCalendarUnits(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [target],
          input: value,
          message: `${JSON.stringify(value)} counts days, weeks, months or years, but a "business" calendar counts business time in hours: use hours, minutes or seconds (e.g. PT16H for two 8-hour days, not P2D), or set "calendar": "24x7"`,
        });
      }
    }
  })
  .superRefine((policy, ctx) => {
    // Whatever else the SLA clock would refuse at run time (months or years on 24x7, negative
    // parts, absurd lengths) is refused here, by the very function that reads the durations.
    for (const target of ['firstResponse', 'resolution'] as const) {
      const value = policy[target];
      if (value === null || parseDuration(value) === null || (policy.calendar === 'business' && usesCalendarUnits(value))) continue;
      try {
        parseSlaDuration(value, policy.calendar);
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        ctx.addIssue({ code: 'custom', path: [target], input: value, message: err.message.replace(/^Invalid SLA duration /, '').replace(/\.$/, '') });
      }
    }
  });

export const agentSchema = z.strictObject({
  email: emailSchema,
  name: nonEmptyString,
  levels: uniqueList(levelSchema),
  timezone: timezoneSchema.optional(),
  language: languageSchema.default('en'),
  /** The agent's own console sign-in token (a secret: error messages never echo it). */
  token: z
    .string({ error: 'must be a string of at least 16 characters' })
    .min(16, { error: 'must be at least 16 characters (e.g. the output of `openssl rand -hex 16`)' })
    .max(256, { error: 'must be at most 256 characters' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
    .optional(),
});

export const vendorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes, e.g. "terminal-server"' }),
  name: nonEmptyString,
  email: emailSchema,
  topics: z.array(nonEmptyString).min(1, { error: 'must list at least one topic' }),
  language: languageSchema.default('en'),
});

const titlePerLanguage = z
  .strictObject({ en: nonEmptyString.optional(), fr: nonEmptyString.optional(), de: nonEmptyString.optional() })
  .refine((t) => Object.values(t).some((v) => v !== undefined), { error: 'must give a title in at least one of en, fr, de' });

export const kbArticleSchema = z.strictObject({
  id: nonEmptyString,
  title: z.union([nonEmptyString, titlePerLanguage], { error: 'must be a string or an object of titles per language ({"en": "...", "de": "..."})' }),
  url: httpUrlSchema,
  keywords: keywordsSchema.default({}),
});

export const callbackSchema = z.strictObject({
  slot: waitingTimeSchema.default('PT30M'),
  reminderBefore: waitingTimeSchema.default('PT15M'),
  maxAttempts: z.int().min(1, { error: 'must be at least 1' }).default(3),
  retryAfter: waitingTimeSchema.default('PT2H'),
  leadTime: waitingTimeSchema.default('PT30M'),
  customerHours: z
    .tuple([timeOfDaySchema, endOfIntervalSchema])
    .refine(([start, end]) => minutesOf(start) < minutesOf(end), { error: 'the start must come before the end, e.g. ["08:00", "19:00"]' })
    .default(['08:00', '19:00']),
});

const BUILT_IN_RULE_IDS: ReadonlySet<string> = new Set(DEFAULT_TRIAGE_RULES.map((r) => r.id));

export const ruleSchema = z
  .strictObject({
    id: nonEmptyString,
    category: nonEmptyString,
    level: levelSchema,
    weight: z.number().gt(0, { error: 'must be more than 0' }).default(1),
    keywords: keywordsSchema,
    vendorTopic: nonEmptyString.optional(),
  })
  // A rule with the id of a built-in rule replaces it; with no keywords it turns that rule off.
  .refine((r) => BUILT_IN_RULE_IDS.has(r.id) || Object.values(r.keywords).some((list) => list !== undefined && list.length > 0), {
    path: ['keywords'],
    error: 'must list at least one keyword in en, fr or de (only a rule with the id of a built-in rule, such as "l3-regex", may list none: that turns the built-in rule off)',
  });

const configObjectSchema = z.strictObject({
  timezone: timezoneSchema,
  businessHours: businessHoursSchema,
  holidays: z.array(isoDateSchema).default([]),
  sla: z.strictObject({ policies: z.array(slaPolicySchema) }).default({ policies: [] }),
  agents: z.array(agentSchema).default([]),
  escalationContacts: z.array(emailSchema).default([]),
  vendors: z.array(vendorSchema).default([]),
  kb: z.array(kbArticleSchema).default([]),
  callbacks: callbackSchema.default(callbackSchema.parse({})),
  rules: z.array(ruleSchema).default([]),
  selfHelp: z.strictObject({ closeAfter: waitingTimeSchema.default('P7D') }).default({ closeAfter: 'P7D' }),
  consent: z
    .strictObject({
      linkTtl: waitingTimeSchema.default('P7D'),
      remindAfter: waitingTimeSchema.default('P2D'),
      giveUpAfter: waitingTimeSchema.default('P5D'),
    })
    .default({ linkTtl: 'P7D', remindAfter: 'P2D', giveUpAfter: 'P5D' }),
  vendorFollowup: z
    .strictObject({
      after: waitingTimeSchema.default('P2D'),
      maxFollowups: z.int().min(0, { error: 'must be 0 or more' }).default(3),
      attachAttachments: z.boolean().default(false),
    })
    .default({ after: 'P2D', maxFollowups: 3, attachAttachments: false }),
});

export type ParsedConfigObject = z.output<typeof configObjectSchema>;

/** The whole configuration: shape, then cross-checks, then defaults that depend on other keys. */
export const configSchema = configObjectSchema.superRefine(crossCheck).transform(
  (c): TierdeskConfig => ({
    ...c,
    agents: c.agents.map((a) => ({ ...a, timezone: a.timezone ?? c.timezone })),
  }),
);
