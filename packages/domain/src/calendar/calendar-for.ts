import type { BusinessCalendarConfig, CalendarKind } from '../config-types.js';
import { BusinessCalendar } from './business-calendar.js';
import type { Calendar } from './calendar.js';
import { ContinuousCalendar } from './continuous-calendar.js';

const CONTINUOUS = new ContinuousCalendar();
// Config objects are read once and frozen, so one calendar (with its warm day cache) per object.
const businessByConfig = new WeakMap<BusinessCalendarConfig, BusinessCalendar>();

/** The calendar a policy's `calendar` setting names, built from the config's hours and zone. */
export function calendarFor(kind: CalendarKind, cfg: BusinessCalendarConfig): Calendar {
  if (kind === '24x7') return CONTINUOUS;
  let cal = businessByConfig.get(cfg);
  if (!cal) {
    cal = new BusinessCalendar(cfg);
    businessByConfig.set(cfg, cal);
  }
  return cal;
}
