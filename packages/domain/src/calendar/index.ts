export type { Calendar, OpenInterval } from './calendar.js';
export { BusinessCalendar, MAX_CLOSED_DAYS } from './business-calendar.js';
export { ContinuousCalendar } from './continuous-calendar.js';
export { calendarFor } from './calendar-for.js';
export { businessCalendarProblems, parseClockTime, parseIsoDay, type CalendarConfigProblem } from './business-hours.js';
export { parseSlaDuration } from './sla-duration.js';
export { computeDeadline } from './compute-deadline.js';
