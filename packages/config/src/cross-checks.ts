import type { z } from 'zod';
import { WEEKDAYS } from '@tierdesk/domain';
import type { ParsedConfigObject } from './config-schema.js';
import { parseDuration } from './field-schemas.js';

type Ctx = z.RefinementCtx<ParsedConfigObject>;

function unique<T>(ctx: Ctx, items: readonly T[], list: string[], field: string, key: (item: T) => string, what: string): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const prev = first.get(k);
    if (prev === undefined) first.set(k, i);
    else {
      const message = `${what} ${JSON.stringify(k)} is already used by ${list.join('.')}[${prev}]`;
      ctx.addIssue({ code: 'custom', path: [...list, i, field], input: k, message });
    }
  });
}

/**
 * The consent waiting times must fit together (durations are valid here): a link that expires
 * before the ticket gives up waiting leaves the customer with dead links (the reminder repeats
 * the very same links) while the ticket still waits, and a reminder due at or after the give-up
 * never goes out.
 */
function consentTimes(c: ParsedConfigObject, ctx: Ctx): void {
  const { linkTtl, remindAfter, giveUpAfter } = c.consent;
  const [ttl, remind, giveUp] = [linkTtl, remindAfter, giveUpAfter].map((d) => parseDuration(d)?.toMillis() ?? Number.NaN) as [number, number, number];
  if (ttl < giveUp) {
    ctx.addIssue({
      code: 'custom',
      path: ['consent', 'linkTtl'],
      input: linkTtl,
      message: `${linkTtl} is shorter than consent.giveUpAfter (${giveUpAfter}), so the consent links would expire while the ticket still waits for the answer; make linkTtl at least ${giveUpAfter} or giveUpAfter shorter`,
    });
  }
  if (remind >= giveUp) {
    ctx.addIssue({
      code: 'custom',
      path: ['consent', 'remindAfter'],
      input: remindAfter,
      message: `${remindAfter} is not shorter than consent.giveUpAfter (${giveUpAfter}), so the reminder would never be sent; make remindAfter shorter than giveUpAfter, e.g. "P2D" with "P5D"`,
    });
  }
}

/** Checks that span several keys; run once the shape is valid. */
export function crossCheck(c: ParsedConfigObject, ctx: Ctx): void {
  unique(ctx, c.agents, ['agents'], 'email', (a) => a.email.toLowerCase(), 'agent email');
  unique(ctx, c.vendors, ['vendors'], 'id', (v) => v.id, 'vendor id');
  unique(ctx, c.kb, ['kb'], 'id', (k) => k.id, 'article id');
  unique(ctx, c.rules, ['rules'], 'id', (r) => r.id, 'rule id');
  unique(ctx, c.sla.policies, ['sla', 'policies'], 'name', (p) => p.name, 'policy name');
  // Agent tokens are secrets: a clash is reported by position only, never by value.
  const tokenOwner = new Map<string, number>();
  c.agents.forEach((a, i) => {
    if (a.token === undefined) return;
    const prev = tokenOwner.get(a.token);
    if (prev === undefined) tokenOwner.set(a.token, i);
    else ctx.addIssue({ code: 'custom', path: ['agents', i, 'token'], message: `is the same token as agents[${prev}].token; give every agent a token of their own` });
  });

  // Level-2 tickets are called back by level-2 agents (issue 5): with a team but none at level 2,
  // every callback would fail at run time, so say it at start.
  if (c.agents.length > 0 && !c.agents.some((a) => a.levels.includes(2))) {
    ctx.addIssue({ code: 'custom', path: ['agents'], input: c.agents, message: 'callbacks need at least one level-2 agent; add 2 to the "levels" of an agent' });
  }

  consentTimes(c, ctx);

  const anyHours = WEEKDAYS.some((d) => c.businessHours[d].length > 0);
  const businessPolicy = c.sla.policies.find((p) => p.calendar === 'business' && (p.firstResponse !== null || p.resolution !== null));
  if (!anyHours && businessPolicy) {
    ctx.addIssue({
      code: 'custom',
      path: ['businessHours'],
      input: c.businessHours,
      message: `no day has business hours, so policy ${JSON.stringify(businessPolicy.name)} (calendar "business") could never come due; add hours such as "mon": [["08:00", "17:00"]]`,
    });
  }
}
