import type { SlaPolicyConfig, TierdeskConfig } from '../src/index.js';

/** Office hours with a lunch break, Monday to Friday. */
export const office: Array<[string, string]> = [
  ['08:00', '12:00'],
  ['13:00', '17:00'],
];

/** A policy with the schema's defaults for whatever the test does not set. */
export const policy = (p: Partial<SlaPolicyConfig> & Pick<SlaPolicyConfig, 'name' | 'levels'>): SlaPolicyConfig => ({
  priorities: ['low', 'normal', 'high', 'urgent'],
  firstResponse: null,
  resolution: null,
  calendar: 'business',
  warnAtPercent: 80,
  escalateOnBreach: false,
  ...p,
});

/**
 * A UTC office config: level 3 urgent on a fast 24x7 policy, other level-3 tickets on office
 * hours, plus whatever policies the test adds.
 */
export function officeSlaConfig(extra: SlaPolicyConfig[] = []): TierdeskConfig {
  return {
    timezone: 'UTC',
    businessHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
    holidays: [],
    sla: {
      policies: [
        policy({ name: 'fast', levels: [3], priorities: ['urgent'], firstResponse: 'PT1H', resolution: 'PT4H', calendar: '24x7' }),
        policy({ name: 'office', levels: [3], firstResponse: 'PT4H', resolution: 'PT16H' }),
        ...extra,
      ],
    },
  } as unknown as TierdeskConfig;
}
