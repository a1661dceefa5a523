export { matchPolicy, findPolicy, SLA_TARGETS, type SlaTarget } from './sla-policy.js';
export { computeSlaDue, type SlaDue } from './compute-sla-due.js';
export { slaCalendar } from './sla-calendar.js';
export { startSla, pauseSla, resumeSla } from './sla-clock.js';
export { applySla } from './apply-sla.js';
export { nextSlaTimer, type SlaTimer } from './next-sla-timer.js';
export { recordSlaFiring } from './record-sla-firing.js';
export { isSlaRecorded, slaRecords } from './sla-records.js';
export { slaEscalationOnBreach, slaEscalationReason } from './sla-escalation.js';
